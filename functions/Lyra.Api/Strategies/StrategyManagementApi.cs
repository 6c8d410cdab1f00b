using Lyra.Api.Http;
using Lyra.Api.Monitoring;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Data.Markets;
using Lyra.Monitoring.Analytics;
using Lyra.Strategies.Management;
using Lyra.Workflows.Application;

namespace Lyra.Api.Strategies;

/// <summary>
/// Strategy management: <c>GET /api/strategies/active</c> (every assignment with its live performance),
/// <c>POST /api/strategies/activate</c> (activate, add, change or switch), <c>POST /api/strategies/deactivate</c> and
/// <c>POST /api/strategies/execute</c> (evaluate now). Changes are kept in storage (a restart runs the same set) and, as
/// operate routes, audited by the dispatcher with the caller.
/// </summary>
public sealed class StrategyManagementApi(StrategyRegistry registry, SignalGenerator signals, LiveAnalytics analytics, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.StrategiesActive, ApiRoutes.StrategyActivate, ApiRoutes.StrategyDeactivate, ApiRoutes.StrategyExecute];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "StrategiesActive" => ActiveAsync(request, cancellationToken),
        "StrategyActivate" => ActivateAsync(request, cancellationToken),
        "StrategyDeactivate" => DeactivateAsync(request, cancellationToken),
        _ => ExecuteAsync(request, cancellationToken),
    };

    private async Task<ApiResult> ActiveAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var list = await registry.ListAsync(ct);
        var report = await analytics.ComputeAsync(1000, ct);
        var rows = list.Select(a => new StrategyRow(a.Id, a.Strategy, a.Markets, a.Parameters, a.Active, a.Source, a.UpdatedAt, a.UpdatedBy,
            report.ByStrategy.FirstOrDefault(p => p.Name == a.Id))).ToList();
        return ApiResult.Ok(rows, ApiRoutes.StrategiesActive.Module, time.GetUtcNow(), $"{rows.Count(r => r.Active)} of {rows.Count} active");
    }

    private async Task<ApiResult> ActivateAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<ActivateRequest>(required: true, ct) ?? throw new ValidationException("$", "body must be a JSON object");
        var changed = await registry.ActivateAsync(new StrategyChange(body.Id, body.Strategy, body.Parameters, body.Markets, body.Replaces), By(request), ct);
        var message = changed.Count > 1 ? $"switched from {changed[1].Id} to {changed[0].Id}" : $"{changed[0].Id} active";
        return ApiResult.Ok(changed, ApiRoutes.StrategyActivate.Module, time.GetUtcNow(), message);
    }

    private async Task<ApiResult> DeactivateAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<ActivateRequest>(required: true, ct) ?? throw new ValidationException("$", "body must be a JSON object");
        var off = await registry.DeactivateAsync(body.Id, By(request), ct);
        return ApiResult.Ok(off, ApiRoutes.StrategyDeactivate.Module, time.GetUtcNow(), $"{off.Id} inactive (open positions keep their stops)");
    }

    private async Task<ApiResult> ExecuteAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<ExecuteRequest>(required: true, ct) ?? throw new ValidationException("$", "body must be a JSON object");
        var market = Market.Parse(body.Market ?? throw new ValidationException("market", "market is required (exchange:SYMBOL:timeframe)"));
        var assignment = (await registry.ListAsync(ct)).FirstOrDefault(a => a.Id == body.Id)
            ?? throw new NotFoundException($"there is no strategy '{body.Id}' (GET /api/strategies/active lists them)");
        var (signal, started) = await signals.ExecuteAsync(assignment, market, request.Flows, ct);
        var row = SignalRow.Of(signal);
        return ApiResult.Ok(new ExecuteResult(row, started), ApiRoutes.StrategyExecute.Module, time.GetUtcNow(),
            signal.Action == Core.Trading.TradeAction.Hold ? $"{assignment.Id} holds on {market.Key}" : started ? $"{signal.Action} signal: flow {signal.Id} started" : $"{signal.Action} signal: flow {signal.Id} exists already");
    }

    private static string By(ApiRequest request) => request.Caller?.Name ?? "unknown";
}

/// <summary>A strategy assignment as <c>GET /api/strategies/active</c> shows it.</summary>
/// <param name="Id">Id (what signals and decisions name).</param>
/// <param name="Strategy">Catalog strategy.</param>
/// <param name="Markets">Markets (none: all).</param>
/// <param name="Parameters">Parameters.</param>
/// <param name="Active">Whether it signals.</param>
/// <param name="Source">config or runtime.</param>
/// <param name="UpdatedAt">Last run-time change.</param>
/// <param name="UpdatedBy">By whom.</param>
/// <param name="Performance">Its live performance (trades it opened), if any.</param>
public sealed record StrategyRow(string Id, string Strategy, IReadOnlyList<string> Markets, IReadOnlyDictionary<string, double> Parameters, bool Active, string Source,
    DateTimeOffset? UpdatedAt, string? UpdatedBy, PerformanceSummary? Performance);

/// <summary>The body of activate / deactivate.</summary>
/// <param name="Id">Assignment id.</param>
/// <param name="Strategy">Catalog strategy (to add one, or change it).</param>
/// <param name="Parameters">Parameters.</param>
/// <param name="Markets">Markets (none: all).</param>
/// <param name="Replaces">Deactivated in the same step.</param>
public sealed record ActivateRequest(string? Id, string? Strategy, Dictionary<string, double>? Parameters, List<string>? Markets, string? Replaces);

/// <summary>The body of execute.</summary>
/// <param name="Id">Assignment id.</param>
/// <param name="Market">Market key.</param>
public sealed record ExecuteRequest(string? Id, string? Market);

/// <summary>What execute did.</summary>
/// <param name="Signal">The strategy's decision on the newest candle.</param>
/// <param name="FlowStarted">Whether a flow was started (false for a hold, or when that candle's flow exists).</param>
public sealed record ExecuteResult(SignalRow Signal, bool FlowStarted);
