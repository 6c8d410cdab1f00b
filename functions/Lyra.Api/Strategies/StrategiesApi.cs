using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Core.Journals;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Signals;
using Lyra.Strategies.Strategies;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Signals;

namespace Lyra.Api.Strategies;

/// <summary>The strategies area: the signals produced, the strategies with their parameter schemas, and backtests (of stored or inline candles).</summary>
public sealed class StrategiesApi(IStrategyFactory strategies, ISignalStore signals, ICandleStore candles, IJournalStore<DecisionJournal> decisions, TimeProvider time)
    : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.Signals, ApiRoutes.StrategySignals, ApiRoutes.Strategies, ApiRoutes.Backtest];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "ListSignals" or "StrategySignals" => SignalsAsync(request, cancellationToken),
        "ListStrategies" => Task.FromResult(List(request)),
        _ => BacktestAsync(request, cancellationToken),
    };

    private async Task<ApiResult> SignalsAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("market", "limit");
        var list = await signals.ListAsync(q.MarketKey(), q.Limit(), ct);
        return ApiResult.Ok(list.Select(SignalRow.Of).ToList(), ApiRoutes.Signals.Module, time.GetUtcNow());

    }

    private ApiResult List(ApiRequest request)
    {
        request.Query();
        var list = strategies.Schemas.Select(kv => new StrategyInfo(kv.Key, kv.Value)).ToList();
        return ApiResult.Ok(list, ApiRoutes.Strategies.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> BacktestAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<BacktestRequest>(required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        // Check the cheap things (strategy, parameters) before reading any candles.
        Backtests.WarmupBars(strategies, body.Strategy ?? throw new ValidationException("strategy", "strategy is required"), body.Parameters);
        if (body.ReplayVotes == true)
        {
            if (body.Strategy != AiSignalStrategy.StrategyName) throw new ValidationException("replay_votes", $"replay_votes needs strategy '{AiSignalStrategy.StrategyName}'");
            if (body.Market is null) throw new ValidationException("replay_votes", "replay_votes needs a stored market (the journals are per market)");
        }

        var (series, source) = await StrategyBacktests.LoadSeriesAsync(body, candles, ct);
        var recorded = body.ReplayVotes == true ? await StrategyBacktests.RecordedVotesAsync(Market.Parse(body.Market!, "market").Key, series, decisions, ct) : null;
        var report = StrategyBacktests.Run(strategies, body, series, ct, recorded);
        return ApiResult.Ok(report with { Data = source }, ApiRoutes.Backtest.Module, time.GetUtcNow(), $"{report.Statistics["trades"]} trades over {series.Count} bars");
    }
}
