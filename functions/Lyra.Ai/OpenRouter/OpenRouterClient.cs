using System.Globalization;
using System.Text.Json;
using Lyra.Ai.Models;
using Lyra.Core.Errors;

namespace Lyra.Ai.OpenRouter;

/// <summary>
/// OpenRouter's REST endpoints that the OpenAI client does not cover: <c>GET models</c> (id, name, context length and
/// prices as decimal strings in USD per token). The list is public; a key is sent when one is available.
/// </summary>
public sealed class OpenRouterClient(HttpClient http, OpenRouterOptions options)
{
    /// <summary>Lists the models with their context length and prices.</summary>
    /// <exception cref="DependencyUnavailableException">The endpoint failed or answered something that is not the models list.</exception>
    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(string? apiKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(options.BaseUrl), "models"));
        if (apiKey is not null) request.Headers.Authorization = new("Bearer", apiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new DependencyUnavailableException("openrouter", $"OpenRouter models list answered HTTP {(int)response.StatusCode}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var doc = await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
            var list = new List<ModelInfo>();
            foreach (var m in doc.RootElement.GetProperty("data").EnumerateArray())
            {
                var id = m.GetProperty("id").GetString() ?? throw new FormatException("a model without an id");
                var pricing = m.TryGetProperty("pricing", out var p) ? p : default;
                list.Add(new ModelInfo(id,
                    m.TryGetProperty("name", out var n) ? n.GetString() ?? id : id,
                    m.TryGetProperty("context_length", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0,
                    Price(pricing, "prompt"), Price(pricing, "completion"), Price(pricing, "request")));
            }

            return list;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DependencyUnavailableException("openrouter", "OpenRouter models list is not in the expected format: " + e.Message, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DependencyUnavailableException("openrouter", $"OpenRouter models list did not answer within {options.TimeoutSeconds} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new DependencyUnavailableException("openrouter", "OpenRouter is unreachable: " + e.Message, e);
        }
    }

    // Prices are decimal strings ("0.000003"); absent means free.
    private static decimal Price(JsonElement pricing, string name) =>
        pricing.ValueKind == JsonValueKind.Object && pricing.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? decimal.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : 0m;
}
