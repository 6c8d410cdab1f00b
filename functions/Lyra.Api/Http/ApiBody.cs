using System.Text.Json;
using Lyra.Core.Errors;
using Lyra.Core.Json;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Http;

/// <summary>Reads a JSON request body strictly (unknown fields, wrong types and oversize bodies are 400s naming the field).</summary>
internal static class ApiBody
{
    private const int MaxBodyBytes = 8 * 1024 * 1024; // inline candles for a backtest

    /// <summary>The body as <typeparamref name="T"/>; null when empty and not <paramref name="required"/>.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, bool required, CancellationToken ct) where T : class
    {
        if (request.ContentLength > MaxBodyBytes) throw new ValidationException("$", $"body is larger than {MaxBodyBytes} bytes");
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (text.Length > MaxBodyBytes) throw new ValidationException("$", $"body is larger than {MaxBodyBytes} bytes");
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? throw new ValidationException("$", "a JSON body is required") : null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, LyraJson.Options) ?? (required ? throw new ValidationException("$", "body must be a JSON object") : null);
        }
        catch (JsonException e)
        {
            throw new ValidationException(LyraJson.Field(e), "invalid body: " + e.Message);
        }
    }
}
