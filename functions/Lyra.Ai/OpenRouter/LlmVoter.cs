using System.Globalization;
using System.Text.Json;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Microsoft.Extensions.AI;

namespace Lyra.Ai.OpenRouter;

/// <summary>
/// A voter backed by one model through OpenRouter (<see cref="OpenRouterChat"/>), with a role on the panel.
/// It asks for JSON <c>{action, confidence, horizon, rationale}</c>; a reply that is not valid JSON of that shape (or has an
/// out-of-range confidence) gets one repair prompt, then counts as an abstention. Timeouts, 429/401/5xx, exhausted keys
/// and exhausted budgets are abstentions with the reason, never exceptions, so a decision always completes.
/// The gateway and the cache are resolved on first use: voters are listed while options are validated, before storage exists.
/// </summary>
public sealed class LlmVoter(string model, string role, Lazy<OpenRouterChat> chat, OpenRouterOptions options, Lazy<ILlmResponseCache?>? cache = null) : IModelVoter
{
    /// <summary>Prefix of an LLM voter's name: <c>llm:</c> + the model id.</summary>
    public const string NamePrefix = "llm:";

    /// <inheritdoc />
    public string Name => NamePrefix + model;

    /// <inheritdoc />
    public string Model => model;

    /// <summary>The role this voter plays on the panel.</summary>
    public string Role => role;

    /// <inheritdoc />
    public async Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default)
    {
        var system = VotePrompt.System(role);
        var user = VotePrompt.User(context);
        var promptHash = VotePrompt.Hash(system, user);
        var store = cache?.Value;
        if (store is not null && options.CacheMinutes > 0 && await store.GetAsync(model, promptHash, cancellationToken) is { } cached && TryParse(cached, out var hit, out _))
        {
            return hit! with { Cached = true, PromptHash = promptHash };
        }

        var messages = new List<ChatMessage> { new(ChatRole.System, system), new(ChatRole.User, user) };
        long input = 0, output = 0;
        decimal cost = 0;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var outcome = await chat.Value.CompleteAsync(model, messages, json: true, cancellationToken);
            (input, output, cost) = (input + outcome.InputTokens, output + outcome.OutputTokens, cost + outcome.CostUsd);
            if (!outcome.Succeeded) return Bill(Vote.Abstain(Name, outcome.Failure!));

            if (TryParse(outcome.Text!, out var vote, out var problem))
            {
                if (store is not null && options.CacheMinutes > 0) await store.SetAsync(model, promptHash, outcome.Text!, TimeSpan.FromMinutes(options.CacheMinutes), cancellationToken);
                return Bill(vote!);
            }

            if (attempt == 2) return Bill(Vote.Abstain(Name, $"invalid reply after a repair prompt: {problem}"));
            messages.Add(new(ChatRole.Assistant, outcome.Text));
            messages.Add(new(ChatRole.User, $"That reply was not usable ({problem}). Answer again with JSON only, exactly the shape asked."));
        }

        return Bill(Vote.Abstain(Name, "no answer"));

        Vote Bill(Vote v) => v with { Model = model, InputTokens = input, OutputTokens = output, CostUsd = cost, PromptHash = promptHash };
    }

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
            vote = new Vote(Name, action, confidence, horizon, rationale.Length > 500 ? rationale[..500] : rationale, Model: model);
            problem = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = e is JsonException ? "not JSON" : e.Message;
            return false;
        }
    }
}
