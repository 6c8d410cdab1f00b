using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Lyra.Ai.OpenRouter;

/// <summary>
/// A voter backed by one model through an OpenAI-compatible API (OpenRouter), used as <see cref="IChatClient"/>.
/// It asks for JSON <c>{action, confidence, horizon, rationale}</c>; a reply that is not valid JSON of that shape (or has an
/// out-of-range confidence) gets one repair prompt, then counts as an abstention. Timeouts, 429/401/5xx and exhausted
/// keys are abstentions with the reason — never exceptions — so a decision always completes.
/// </summary>
public sealed class LlmVoter(string model, ApiKeyPool keys, HttpClient http, OpenRouterOptions options, ILlmResponseCache? cache = null) : IVoter
{
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => "llm:" + model;

    /// <summary>Tokens used by the last answered call (prompt, completion).</summary>
    public (long Input, long Output) LastUsage { get; private set; }

    /// <inheritdoc />
    public async Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "You are one member of a crypto trading panel. Judge the proposed trade from the market data. " +
                "Answer with JSON only: {\"action\":\"buy|sell|hold\",\"confidence\":0..1,\"horizon\":\"e.g. 4h\",\"rationale\":\"one sentence\"}."),
            new(ChatRole.User, Describe(context)),
        };
        var promptHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(messages[0].Text + "\n" + messages[1].Text)));
        if (cache is not null && options.CacheMinutes > 0 && await cache.GetAsync(model, promptHash, cancellationToken) is { } cached && TryParse(cached, out var hit, out _))
        {
            return hit! with { Cached = true };
        }

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var key = keys.Next();
            if (key is null) return Vote.Abstain(Name, "every API key is cooling down (rate-limited or refused)");
            string text;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                var response = await Client(key).GetResponseAsync(messages, new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0 }, timeout.Token);
                LastUsage = (response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
                text = response.Text;
            }
            catch (ClientResultException e) when (e.Status is 429 or 401 or 403)
            {
                keys.CoolDown(key, RetryAfter(e));
                return Vote.Abstain(Name, $"{model} answered {e.Status} for key {ApiKeyPool.Mask(key)}");
            }
            catch (ClientResultException e)
            {
                return Vote.Abstain(Name, $"{model} failed with HTTP {e.Status}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Vote.Abstain(Name, $"{model} did not answer within {options.TimeoutSeconds} s");
            }
            catch (HttpRequestException e)
            {
                return Vote.Abstain(Name, $"{model} unreachable: {e.Message}");
            }

            if (TryParse(text, out var vote, out var problem))
            {
                if (cache is not null && options.CacheMinutes > 0) await cache.SetAsync(model, promptHash, text, TimeSpan.FromMinutes(options.CacheMinutes), cancellationToken);
                return vote! with { InputTokens = LastUsage.Input, OutputTokens = LastUsage.Output };
            }

            if (attempt == 2) return Vote.Abstain(Name, $"invalid reply after a repair prompt: {problem}");
            messages.Add(new(ChatRole.Assistant, text));
            messages.Add(new(ChatRole.User, $"That reply was not usable ({problem}). Answer again with JSON only, exactly the shape asked."));
        }

        return Vote.Abstain(Name, "no answer");
    }

    private IChatClient Client(string key) => _clients.GetOrAdd(key, k =>
        new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(k), new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0), // retries belong to the durable activity, not hidden in the client
        }).AsIChatClient());

    private bool TryParse(string text, out Vote? vote, out string problem)
    {
        vote = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var action = root.GetProperty("action").GetString() switch
            {
                "buy" => TradeAction.Buy,
                "sell" => TradeAction.Sell,
                "hold" => TradeAction.Hold,
                var other => throw new FormatException($"action '{other}' is not buy, sell or hold"),
            };
            var confidence = root.GetProperty("confidence").GetDouble();
            if (!(confidence is >= 0 and <= 1)) throw new FormatException($"confidence {confidence.ToString(CultureInfo.InvariantCulture)} is outside 0..1");
            var horizon = root.TryGetProperty("horizon", out var h) ? h.GetString() ?? "" : "";
            var rationale = root.TryGetProperty("rationale", out var r) ? r.GetString() ?? "" : "";
            vote = new Vote(Name, action, confidence, horizon, rationale);
            problem = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = e is JsonException ? "not JSON" : e.Message;
            return false;
        }
    }

    private static TimeSpan? RetryAfter(ClientResultException e)
    {
        var raw = e.GetRawResponse();
        return raw is not null && raw.Headers.TryGetValue("Retry-After", out var v) && int.TryParse(v, out var s) ? TimeSpan.FromSeconds(s) : null;
    }

    private static string Describe(VoteContext c)
    {
        var sb = new StringBuilder();
        var n = c.Closes.Length;
        sb.Append(CultureInfo.InvariantCulture, $"Market {c.MarketKey}. Proposed: {c.ProposedAction.ToString().ToLowerInvariant()} ({c.StrategyReason}). ");
        sb.Append(CultureInfo.InvariantCulture, $"Position open: {(c.HasPosition ? "yes" : "no")}. Last {Math.Min(n, 30)} closes, oldest first: ");
        sb.AppendJoin(", ", c.Closes.Skip(Math.Max(0, n - 30)).Select(x => x.ToString("G6", CultureInfo.InvariantCulture)));
        if (n > 0) sb.Append(CultureInfo.InvariantCulture, $". Range of the window: {c.Lows.Min():G6}..{c.Highs.Max():G6}.");
        return sb.ToString();
    }
}
