using Azure.Data.Tables;
using Lyra.Ai.Costs;
using Lyra.Ai.Models;
using Lyra.Ai.OpenRouter;
using Lyra.Storage.Ai;
using Lyra.Storage.Tables;

namespace Lyra.Testing;

/// <summary>The real model gateway (catalog, budgets, cost ledger in Azurite) pointed at a <see cref="FakeOpenAiServer"/>.</summary>
/// <param name="Chat">The gateway.</param>
/// <param name="Costs">The cost manager.</param>
/// <param name="Keys">The key pool.</param>
/// <param name="Options">The OpenRouter options used.</param>
/// <param name="Tables">The tables (unique prefix) behind the ledger.</param>
public sealed record LlmGateway(OpenRouterChat Chat, CostManager Costs, ApiKeyPool Keys, OpenRouterOptions Options, TableProvider Tables)
{
    /// <summary>Builds the gateway; <paramref name="keys"/> default to one key.</summary>
    public static async Task<LlmGateway> CreateAsync(FakeOpenAiServer server, HttpClient http, ApiKeyPool? keys = null, AiOptions? ai = null,
        int timeoutSeconds = 5, TimeProvider? time = null, int cacheMinutes = 60)
    {
        time ??= TimeProvider.System;
        keys ??= new ApiKeyPool(["sk-or-test-1111"], time);
        var options = new OpenRouterOptions { BaseUrl = server.BaseUrl, TimeoutSeconds = timeoutSeconds, CacheMinutes = cacheMinutes };
        var tables = new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName());
        var costs = new CostManager(new CostLedgerTableStore(tables), ai ?? new AiOptions(), time);
        var catalog = new ModelCatalog(new OpenRouterClient(http, options), options, time);
        return new LlmGateway(new OpenRouterChat(keys, http, options, catalog, costs, time), costs, keys, options, tables);
    }

    /// <summary>A voter for <paramref name="model"/> on this gateway, optionally with the table response cache.</summary>
    public LlmVoter Voter(string model = "acme/model-1", ILlmResponseCache? cache = null, string role = "a careful trader") =>
        new(model, role, new Lazy<OpenRouterChat>(Chat), Options, new Lazy<ILlmResponseCache?>(cache));
}
