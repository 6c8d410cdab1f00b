using Lyra.Ai.Consensus;
using Lyra.Ai.Costs;
using Lyra.Ai.Models;
using Lyra.Ai.OpenRouter;
using Lyra.Ai.Performance;
using Lyra.Ai.Voting;
using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Workflows.Application;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Ai;

/// <summary>
/// The <c>/api/ai</c> handlers: a single model question through the selection, budgets and cost accounting; the panel's
/// consensus on a market now (nothing traded, nothing journaled); the voters' measured performance; spending; the models.
/// </summary>
public sealed class AiApi(OpenRouterChat chat, ModelCatalog catalog, ApiKeyPool keys, CostManager costs, IVoterPerformanceStore performance,
    VoterPanel panel, PanelPlanner planner, PanelConsultation consultation,
    IOptions<TradingOptions> trading, IOptions<OpenRouterOptions> openRouter, IOptions<AiOptions> ai, IOptionsMonitor<ConsensusOptions> consensus, TimeProvider time)
    : IApiHandler
{
    /// <summary>Longest prompt accepted.</summary>
    public const int MaxPromptChars = 20_000;

    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.AiQuery, ApiRoutes.AiConsensus, ApiRoutes.AiPerformance, ApiRoutes.AiCosts, ApiRoutes.AiModels];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "AiQuery" => QueryAsync(request, cancellationToken),
        "AiConsensus" => ConsensusAsync(request, cancellationToken),
        "AiPerformance" => PerformanceAsync(request, cancellationToken),
        "AiCosts" => CostsAsync(request, cancellationToken),
        _ => ModelsAsync(request, cancellationToken),
    };

    private async Task<ApiResult> QueryAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var b = await request.BodyAsync<AiQueryRequest>(required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        if (string.IsNullOrWhiteSpace(b.Prompt)) throw new ValidationException("prompt", "prompt is required");
        if (b.Prompt.Length > MaxPromptChars) throw new ValidationException("prompt", $"prompt must be at most {MaxPromptChars} characters");
        if (b.System is { Length: > MaxPromptChars }) throw new ValidationException("system", $"system must be at most {MaxPromptChars} characters");
        var task = b.Task ?? "query";
        if (task is not ("query" or "trade-vote")) throw new ValidationException("task", $"task '{task}' must be query or trade-vote");
        if (b.MaxLatencyMs is <= 0) throw new ValidationException("max_latency_ms", "max_latency_ms must be positive");
        if (b.MaxCostUsd is < 0) throw new ValidationException("max_cost_usd", "max_cost_usd must not be negative");
        var configured = openRouter.Value.Models;
        if (b.Model is not null && !configured.Contains(b.Model, StringComparer.Ordinal))
        {
            throw new ValidationException("model", $"model '{b.Model}' is not configured; configured: {(configured.Count == 0 ? "none" : string.Join(", ", configured))}");
        }

        if (keys.Count == 0) throw new DependencyUnavailableException("openrouter", "no OpenRouter API key is configured; set Lyra:OpenRouter:ApiKeys (Key Vault in Azure)");
        if (configured.Count == 0) throw new DependencyUnavailableException("openrouter", "no model is configured; set Lyra:OpenRouter:Models");

        var selection = await SelectAsync(b.Model is null ? configured : [b.Model],
            new SelectionRequest(task, b.MaxLatencyMs, b.MaxCostUsd, ((b.Prompt.Length + (b.System?.Length ?? 0)) / 4) + 50, 500), ct);
        var model = selection.FirstOrDefault(c => c.Selected)?.Model
            ?? throw new ValidationException("model", "no configured model fits: " + string.Join("; ", selection.Select(c => $"{c.Model}: {c.Reason}")));

        var messages = new List<ChatMessage>();
        if (b.System is not null) messages.Add(new(ChatRole.System, b.System));
        messages.Add(new(ChatRole.User, b.Prompt));
        var outcome = await chat.CompleteAsync(model, messages, b.Json ?? false, ct);
        if (outcome.BudgetExhausted) throw new BudgetExhaustedException(outcome.Failure!);
        if (!outcome.Succeeded) throw new DependencyUnavailableException("openrouter", outcome.Failure!);
        return ApiResult.Ok(new AiQueryResponse(model, outcome.Text, outcome.InputTokens, outcome.OutputTokens, outcome.CostUsd, outcome.LatencyMs, selection),
            ApiRoutes.AiQuery.Module, time.GetUtcNow(), $"{model} answered in {outcome.LatencyMs:0} ms for ${Usd.Format(outcome.CostUsd)}");
    }

    private async Task<IReadOnlyList<ModelChoice>> SelectAsync(IReadOnlyList<string> models, SelectionRequest request, CancellationToken ct)
    {
        var stats = await performance.GetAllAsync(ct);
        var candidates = new List<ModelCandidate>();
        foreach (var m in models) candidates.Add(new ModelCandidate(m, await catalog.GetAsync(m, ct), stats.GetValueOrDefault(LlmVoter.NamePrefix + m)));
        return ModelSelector.Rank(candidates, request);
    }

    private async Task<ApiResult> ConsensusAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var b = await request.BodyAsync<AiConsensusRequest>(required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        var market = Market.Parse(b.Market ?? throw new ValidationException("market", "market is required"), "market");
        var action = b.Action switch
        {
            "buy" => TradeAction.Buy,
            "sell" => TradeAction.Sell,
            "hold" => TradeAction.Hold,
            _ => throw new ValidationException("action", $"action '{b.Action}' must be buy, sell or hold"),
        };
        var voters = b.Voters is { Length: > 0 } v ? v : [.. trading.Value.Voters];
        if (voters.Length > 20) throw new ValidationException("voters", "at most 20 voters");
        for (var i = 0; i < voters.Length; i++)
        {
            if (!panel.Names.Contains(voters[i], StringComparer.Ordinal))
            {
                throw new ValidationException($"voters[{i}]", $"unknown voter '{voters[i]}'; known: {string.Join(", ", panel.Names)}");
            }
        }

        if (voters.Distinct(StringComparer.Ordinal).Count() != voters.Length) throw new ValidationException("voters", "a voter is listed twice");
        var body = await consultation.AskAsync(market, action, voters, "asked through the API", ct);
        return ApiResult.Ok(body, ApiRoutes.AiConsensus.Module, time.GetUtcNow(), body.Consensus.Reason);
    }

    private async Task<ApiResult> PerformanceAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var stats = await performance.GetAllAsync(ct);
        var names = trading.Value.Voters.Concat(stats.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
        var rows = names.Select(name =>
        {
            var s = stats.GetValueOrDefault(name) ?? VoterStats.Empty(name);
            var configured = consensus.CurrentValue.Weights.TryGetValue(name, out var w) ? w : 1.0;
            var (learned, calibration) = planner.Learned(name, s);
            return VoterPerformanceRow.Of(s, trading.Value.Voters.Contains(name), panel.Names.Contains(name) && panel.Get(name) is IModelVoter mv ? mv.Model : null,
                configured, learned, calibration);
        }).ToList();
        return ApiResult.Ok(rows, ApiRoutes.AiPerformance.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> CostsAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var (today, month) = await costs.ReportAsync(ct);
        return ApiResult.Ok(new AiCostsResponse(today, month, ai.Value.MaxCostPerVoteUsd), ApiRoutes.AiCosts.Module, time.GetUtcNow(),
            $"${Usd.Format(today.TotalUsd)} today, ${Usd.Format(month.TotalUsd)} this month");
    }

    private async Task<ApiResult> ModelsAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var o = openRouter.Value;
        var models = o.Models;
        var selection = models.Count == 0 ? [] : await SelectAsync(models,
            new SelectionRequest("trade-vote", trading.Value.VoterTimeoutSeconds * 1000.0, ai.Value.MaxCostPerVoteUsd, ai.Value.ExpectedPromptTokens, ai.Value.ExpectedCompletionTokens), ct);
        var rows = new List<ModelRow>();
        for (var i = 0; i < models.Count; i++)
        {
            var info = await catalog.GetAsync(models[i], ct);
            var voter = LlmVoter.NamePrefix + models[i];
            rows.Add(new ModelRow(info.Id, info.Name, info.ContextLength, info.PromptPrice * 1_000_000m, info.CompletionPrice * 1_000_000m, info.Listed,
                voter, o.RoleOf(i), keys.Count > 0 && trading.Value.Voters.Contains(voter), selection.FirstOrDefault(c => c.Model == models[i])));
        }

        var offline = trading.Value.Voters.Where(v => panel.Get(v) is not IModelVoter).ToList();
        return ApiResult.Ok(new AiModelsResponse(rows, offline, keys.Count, catalog.LastError), ApiRoutes.AiModels.Module, time.GetUtcNow(),
            keys.Count == 0 ? "no OpenRouter key configured: the panel is the offline analysts" : null);
    }
}
