using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Diagnostics;
using Lyra.Ai.Costs;
using Lyra.Ai.Models;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Lyra.Ai.OpenRouter;

/// <summary>
/// Every model call goes through here: budget check, the next rested key, the OpenAI client (as <see cref="IChatClient"/>)
/// against OpenRouter's endpoint with a per-call timeout, rate-limit headers honoured, usage turned into cost and counted.
/// Failures come back as a <see cref="ChatOutcome"/> with the reason, never as exceptions, and never name a key.
/// </summary>
public sealed class OpenRouterChat(ApiKeyPool keys, HttpClient http, OpenRouterOptions options, ModelCatalog catalog, CostManager costs, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Model, string Key), IChatClient> _clients = new();

    /// <summary>The catalog used for prices.</summary>
    public ModelCatalog Catalog => catalog;

    /// <summary>Sends <paramref name="messages"/> to <paramref name="model"/>; <paramref name="json"/> asks for a JSON object.</summary>
    public async Task<ChatOutcome> CompleteAsync(string model, IReadOnlyList<ChatMessage> messages, bool json, CancellationToken cancellationToken = default)
    {
        var info = await catalog.GetAsync(model, cancellationToken);
        var budget = await costs.CheckAsync(info, cancellationToken);
        if (!budget.Allowed) return ChatOutcome.Failed(model, "budget: " + budget.Reason, budget: true);

        if (keys.Count == 0) return ChatOutcome.Failed(model, "no OpenRouter API key is configured (Lyra:OpenRouter:ApiKeys)");
        var key = keys.Next();
        if (key is null) return ChatOutcome.Failed(model, "every API key is cooling down (rate-limited or refused)");
        var sw = Stopwatch.StartNew();
        ChatResponse response;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
            var chat = new ChatOptions { Temperature = 0 };
            if (json) chat.ResponseFormat = ChatResponseFormat.Json;
            response = await Client(model, key).GetResponseAsync(messages, chat, timeout.Token);
        }
        catch (ClientResultException e) when (e.Status is 429 or 401 or 403)
        {
            // The rate-limit policy already rested the key for as long as the provider asked; without a hint, the default.
            if (keys.IsAvailable(key)) keys.CoolDown(key);
            return ChatOutcome.Failed(model, $"{model} answered {e.Status} for key {ApiKeyPool.Mask(key)}", Ms(sw));
        }
        catch (ClientResultException e)
        {
            return ChatOutcome.Failed(model, $"{model} failed with HTTP {e.Status}", Ms(sw));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ChatOutcome.Failed(model, $"{model} did not answer within {options.TimeoutSeconds} s", Ms(sw));
        }
        catch (HttpRequestException e)
        {
            return ChatOutcome.Failed(model, $"{model} unreachable: {e.Message}", Ms(sw));
        }

        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        var cost = info.CostOf(input, output);
        if (cost > 0 || input + output > 0) await costs.RecordAsync(model, cost, input, output, cancellationToken);
        return new ChatOutcome(model, response.Text, null, input, output, cost, Ms(sw));
    }

    private static double Ms(Stopwatch sw) => Math.Round(sw.Elapsed.TotalMilliseconds, 1);

    private IChatClient Client(string model, string key) => _clients.GetOrAdd((model, key), k =>
    {
        var o = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0), // retries belong to the durable activity, not hidden in the client
        };
        o.AddPolicy(new RateLimitPolicy(keys, k.Key, time), PipelinePosition.PerTry);
        return new OpenAI.Chat.ChatClient(k.Model, new ApiKeyCredential(k.Key), o).AsIChatClient();
    });
}
