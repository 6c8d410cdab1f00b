using System.Text.Json;
using Lyra.Core.Errors;
using Lyra.Core.Health;
using Lyra.Data.Sources;
using Lyra.Exchanges.Orders;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Api;

/// <summary>
/// The HTTP API handlers. Both hosts call <see cref="HandleAsync"/> with a route from <see cref="ApiRoutes"/>;
/// the handler validates input, does the work and writes the envelope; failures are mapped by <see cref="ApiErrorMapper"/>.
/// </summary>
public sealed class LyraApi(
    SignalStore signals, DecisionStore decisions, Data.Storage.CandleStore candles, Application.RiskAssessor risk, AlertStore alerts,
    IOptions<Risk.Gate.RiskLimits> riskLimits, OrderStore orders, PortfolioStore portfolio, SettingsStore settings,
    IEnumerable<IHealthProbe> probes, IPriceSource prices, IExchange exchange, IMarketDataSource source,
    IOptions<TradingOptions> trading, IOptions<CollectOptions> collect, HostInfo host, TimeProvider time, AiApi ai)
{
    /// <summary>Handles one request for <paramref name="route"/> and writes the response.</summary>
    /// <param name="route">The route being served.</param>
    /// <param name="http">The request context.</param>
    /// <param name="flows">The durable engine client of the host (used by the health check).</param>
    /// <param name="id">The <c>{id}</c> route value, where the route has one.</param>
    public async Task HandleAsync(ApiRoute route, HttpContext http, ITradeFlowClient flows, string? id = null)
    {
        var ct = http.RequestAborted;
        ApiResult result;
        try
        {
            result = await DispatchAsync(route, http.Request, flows, id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = ApiErrorMapper.Map(e, route.Module, time.GetUtcNow());
        }

        await result.WriteAsync(http.Response, ct);
    }

    private Task<ApiResult> DispatchAsync(ApiRoute route, HttpRequest request, ITradeFlowClient flows, string? id, CancellationToken ct) => route.Name switch
    {
        "Health" => HealthAsync(request, flows, ct),
        "Status" => StatusAsync(request, ct),
        "TradingStart" => SwitchTradingAsync(request, true, ct),
        "TradingStop" => SwitchTradingAsync(request, false, ct),
        "ListSignals" => ListSignalsAsync(request, ct),
        "ListDecisions" => ListDecisionsAsync(request, ct),
        "GetDecision" => GetDecisionAsync(request, id, ct),
        "VerifyDecisions" => VerifyDecisionsAsync(request, ct),
        "ApproveDecision" => AnswerApprovalAsync(request, flows, id, true, ct),
        "RejectDecision" => AnswerApprovalAsync(request, flows, id, false, ct),
        "ListOrders" => ListOrdersAsync(request, ct),
        "ListPositions" => ListPositionsAsync(request, ct),
        "ListStrategies" => Task.FromResult(ListStrategies(request)),
        "RunBacktest" => RunBacktestAsync(request, ct),
        "RiskAssess" => RiskAssessAsync(request, ct),
        "RiskPositionSize" => PositionSizeAsync(request, ct),
        "RiskReport" => RiskReportAsync(request, ct),
        "AiQuery" or "AiConsensus" or "AiPerformance" or "AiCosts" or "AiModels" => ai.DispatchAsync(route, request, ct),
        _ => throw new NotFoundException($"no handler for route '{route.Name}'"),
    };

    private async Task<ApiResult> HealthAsync(HttpRequest request, ITradeFlowClient flows, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        var checks = new List<Task<ModuleHealth>>();
        foreach (var p in probes) checks.Add(p.CheckAsync(ct));
        checks.Add(flows.CheckHealthAsync(ct));
        var report = HealthReport.From(await Task.WhenAll(checks));
        return ApiResult.Ok(report, ApiRoutes.Health.Module, time.GetUtcNow(), $"lyra is {report.Status}",
            report.Status == ModuleHealth.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private async Task<ApiResult> StatusAsync(HttpRequest request, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        var now = time.GetUtcNow();
        var state = await settings.GetTradingAsync(trading.Value.EnabledByDefault, ct);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["signals"] = await signals.CountAsync(ct) };
        var all = await decisions.ListAsync(null, null, int.MaxValue, ct);
        counts["decisions"] = all.Count;
        foreach (var s in Enum.GetValues<DecisionStatus>()) counts["decisions_" + s.ToString().ToLowerInvariant()] = all.Count(d => d.Status == s);
        counts["orders"] = (await orders.ListAsync(null, int.MaxValue, ct)).Count;
        counts["open_positions"] = (await portfolio.ListPositionsAsync(ct)).Count(p => p.Quantity != 0);
        var report = new StatusReport(Core.Api.LyraVersion.Current, host.Name, host.StartedAt, Math.Round((now - host.StartedAt).TotalSeconds, 1),
            state.Enabled, state.ChangedAt, state.Reason, collect.Value.Markets, exchange.Name, source.Name, counts);
        return ApiResult.Ok(report, ApiRoutes.Status.Module, now);
    }

    private async Task<ApiResult> SwitchTradingAsync(HttpRequest request, bool enable, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        var body = await ReadBodyAsync<TradingChangeRequest>(request, required: false, ct);
        if (body?.Reason is { Length: > 500 }) throw new ValidationException("reason", "reason must be at most 500 characters");
        var state = await settings.SetTradingAsync(enable, body?.Reason, ct);
        var route = enable ? ApiRoutes.TradingStart : ApiRoutes.TradingStop;
        return ApiResult.Ok(new { trading_enabled = state.Enabled, changed_at = state.ChangedAt, reason = state.Reason }, route.Module, time.GetUtcNow(),
            enable ? "trading started" : "trading stopped: new orders are blocked at the risk gate, including flows in flight");
    }

    private async Task<ApiResult> ListSignalsAsync(HttpRequest request, CancellationToken ct)
    {
        var q = new ApiQuery(request.Query, "market", "limit");
        var list = await signals.ListAsync(q.MarketKey(), q.Limit(), ct);
        return ApiResult.Ok(list.Select(s => new { id = s.Id, s.Strategy, market = s.MarketKey, s.CandleTime, s.Action, s.Price, s.Reason }).ToList(),
            ApiRoutes.Signals.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> ListDecisionsAsync(HttpRequest request, CancellationToken ct)
    {
        var q = new ApiQuery(request.Query, "market", "status", "limit");
        var list = await decisions.ListAsync(q.MarketKey(), q.Enum<DecisionStatus>("status"), q.Limit(), ct);
        var rows = list.Select(d => new
        {
            d.Id,
            market = d.Signal.MarketKey,
            d.Signal.CandleTime,
            d.Signal.Action,
            d.Status,
            d.Reasons,
            consensus = d.Consensus?.Action,
            agreement = d.Consensus?.Agreement,
            risk = d.Risk?.Verdict,
            quantity = d.Order?.FilledQuantity,
            price = d.Order?.AveragePrice,
        }).ToList();
        return ApiResult.Ok(rows, ApiRoutes.Decisions.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> GetDecisionAsync(HttpRequest request, string? id, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        ValidateDecisionId(id);
        var journal = await decisions.GetAsync(id!, ct) ?? throw new NotFoundException($"decision '{id}' does not exist");
        return ApiResult.Ok(journal, ApiRoutes.Decision.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> AnswerApprovalAsync(HttpRequest request, ITradeFlowClient flows, string? id, bool approve, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        var body = await ReadBodyAsync<ApprovalRequest>(request, required: false, ct);
        if (body?.By is { Length: > 100 }) throw new ValidationException("by", "by must be at most 100 characters");
        if (body?.Reason is { Length: > 500 }) throw new ValidationException("reason", "reason must be at most 500 characters");
        ValidateDecisionId(id);
        var journal = await decisions.GetAsync(id!, ct) ?? throw new NotFoundException($"decision '{id}' does not exist");
        if (journal.Status != DecisionStatus.AwaitingApproval)
        {
            throw new ConflictException($"decision '{id}' is {journal.Status.ToString().ToLowerInvariant()}, not awaiting approval");
        }

        await flows.RaiseApprovalAsync(id!, new ApprovalDecision(approve, body?.By, body?.Reason), ct);
        var route = approve ? ApiRoutes.Approve : ApiRoutes.Reject;
        return ApiResult.Ok(new { id, approved = approve, by = body?.By, reason = body?.Reason }, route.Module, time.GetUtcNow(),
            approve ? "approval sent: the flow places the order" : "rejection sent: the flow ends without an order", StatusCodes.Status202Accepted);
    }

    private static void ValidateDecisionId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ValidationException("id", $"'{id}' is not a decision id (letters, digits, '-' and '_', at most 100)");
        }
    }

    private async Task<ApiResult> VerifyDecisionsAsync(HttpRequest request, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        var v = await decisions.VerifyAsync(ct);
        return ApiResult.Ok(v, ApiRoutes.VerifyDecisions.Module, time.GetUtcNow(),
            v.Intact ? $"journal chain intact ({v.Entries} entries)" : $"journal chain BROKEN at entry {v.FirstBroken}: {v.Reason}");
    }

    private async Task<ApiResult> ListOrdersAsync(HttpRequest request, CancellationToken ct)
    {
        var q = new ApiQuery(request.Query, "market", "limit");
        var list = await orders.ListAsync(q.MarketKey(), q.Limit(), ct);
        return ApiResult.Ok(list, ApiRoutes.Orders.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> ListPositionsAsync(HttpRequest request, CancellationToken ct)
    {
        var q = new ApiQuery(request.Query, "all");
        var includeClosed = request.Query["all"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            var v => throw new ValidationException("all", $"all '{v}' must be true or false"),
        };
        _ = q;
        var account = await portfolio.GetAccountAsync(ct);
        var rows = new List<object>();
        var equity = account.Cash;
        var unrealized = 0m;
        foreach (var p in await portfolio.ListPositionsAsync(ct))
        {
            if (p.Quantity == 0 && !includeClosed) continue;
            var last = await prices.GetLastPriceAsync(p.MarketKey, ct) ?? p.AveragePrice;
            var upnl = p.Quantity * (last - p.AveragePrice);
            equity += p.Quantity * last;
            unrealized += upnl;
            rows.Add(new
            {
                market = p.MarketKey, p.Quantity, p.AveragePrice, last_price = last, unrealized_pnl = Math.Round(upnl, 8), p.RealizedPnl, p.UpdatedAt,
                entry_decision = p.EntryDecisionId, stop = p.Stops?.Stop, initial_stop = p.Stops?.InitialStop, take_profit = p.Stops?.TakeProfit,
                trailing_distance = p.Stops is { TrailingDistance: > 0 } t ? t.TrailingDistance : (decimal?)null, stops_checked_through = p.CheckedThrough,
            });
        }

        return ApiResult.Ok(new { account.Cash, equity = Math.Round(equity, 8), realized_pnl = account.RealizedPnl, unrealized_pnl = Math.Round(unrealized, 8), fees_paid = account.FeesPaid, positions = rows },
            ApiRoutes.Positions.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> RiskAssessAsync(HttpRequest request, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        var body = await ReadBodyAsync<RiskAssessRequest>(request, required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        var market = Data.Markets.Market.Parse(body.Market ?? throw new ValidationException("market", "market is required"), "market");
        var action = body.Action switch
        {
            "buy" => Core.Trading.TradeAction.Buy,
            "sell" => Core.Trading.TradeAction.Sell,
            _ => throw new ValidationException("action", $"action '{body.Action}' must be buy or sell"),
        };
        if (body.Price is <= 0) throw new ValidationException("price", "price must be positive");
        var decision = await risk.AssessAsync(market.Key, action, body.Price, ct);
        return ApiResult.Ok(decision, ApiRoutes.RiskAssess.Module, time.GetUtcNow(), $"{decision.Verdict}".ToLowerInvariant());
    }

    private async Task<ApiResult> PositionSizeAsync(HttpRequest request, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        var b = await ReadBodyAsync<PositionSizeRequest>(request, required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        var price = b.Price ?? throw new ValidationException("price", "price is required");
        if (price <= 0) throw new ValidationException("price", "price must be positive");
        var equity = b.Equity ?? (await portfolio.GetSnapshotAsync(prices, ct)).Equity;
        var step = b.Step ?? riskLimits.Value.QuantityStep;
        var min = b.MinQuantity ?? step;
        object result = b.Method switch
        {
            "fixed_fractional" => new { quantity = Risk.Sizing.PositionSizer.FixedFractional(equity, b.RiskFraction ?? 0.01m, price, b.Stop ?? throw new ValidationException("stop", "stop is required"), step, min) },
            "kelly" => KellyResult(Risk.Sizing.PositionSizer.Kelly(equity, b.WinRate ?? throw new ValidationException("win_rate", "win_rate is required"),
                b.Payoff ?? throw new ValidationException("payoff", "payoff is required"), b.KellyFraction ?? 0.5, b.Cap ?? 0.25, price, step, min)),
            "volatility" => new { quantity = Risk.Sizing.PositionSizer.VolatilityTarget(equity, b.TargetRisk ?? 0.01m, b.Atr ?? throw new ValidationException("atr", "atr is required"), price, b.MaxFraction ?? 1m, step, min) },
            _ => throw new ValidationException("method", $"method '{b.Method}' must be fixed_fractional, kelly or volatility"),
        };
        return ApiResult.Ok(result, ApiRoutes.RiskPositionSize.Module, time.GetUtcNow(), $"sized from equity {equity}");
    }

    private static object KellyResult((decimal Quantity, double KellyFraction) k) => new { quantity = k.Quantity, kelly_fraction = k.KellyFraction };

    private async Task<ApiResult> RiskReportAsync(HttpRequest request, CancellationToken ct)
    {
        var q = new ApiQuery(request.Query, "bars");
        var raw = request.Query["bars"].ToString();
        var bars = raw.Length == 0 ? 250 : int.TryParse(raw, out var v) && v is >= 10 and <= 5000 ? v : throw new ValidationException("bars", $"bars '{raw}' must be 10..5000");
        _ = q;
        var report = await risk.ReportAsync(alerts, bars, ct);
        return ApiResult.Ok(report, ApiRoutes.RiskReport.Module, time.GetUtcNow());
    }

    private ApiResult ListStrategies(HttpRequest request)
    {
        _ = new ApiQuery(request.Query);
        var list = Strategies.Strategies.StrategyCatalog.Schemas.Select(kv => new
        {
            name = kv.Key,
            parameters = kv.Value.Select(p => new { p.Name, @default = p.Default, p.Min, p.Max, p.Description }).ToList(),
        }).ToList();
        return ApiResult.Ok(list, ApiRoutes.Strategies.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> RunBacktestAsync(HttpRequest request, CancellationToken ct)
    {
        _ = new ApiQuery(request.Query);
        var body = await ReadBodyAsync<BacktestRequest>(request, required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        // Check the cheap things (strategy, parameters) before reading any candles.
        Strategies.Backtesting.Backtests.WarmupBars(body.Strategy ?? throw new ValidationException("strategy", "strategy is required"), body.Parameters);
        if (body.ReplayVotes == true)
        {
            if (body.Strategy != Signals.AiSignalStrategy.StrategyName) throw new ValidationException("replay_votes", $"replay_votes needs strategy '{Signals.AiSignalStrategy.StrategyName}'");
            if (body.Market is null) throw new ValidationException("replay_votes", "replay_votes needs a stored market (the journals are per market)");
        }

        var (series, source) = await StrategyBacktests.LoadSeriesAsync(body, candles, ct);
        var recorded = body.ReplayVotes == true ? await StrategyBacktests.RecordedVotesAsync(Data.Markets.Market.Parse(body.Market!, "market").Key, series, decisions, ct) : null;
        var report = StrategyBacktests.Run(body, series, ct, recorded);
        return ApiResult.Ok(report with { Data = source }, ApiRoutes.Backtest.Module, time.GetUtcNow(), $"{report.Statistics["trades"]} trades over {series.Count} bars");
    }

    private static Task<T?> ReadBodyAsync<T>(HttpRequest request, bool required, CancellationToken ct) where T : class => ApiBody.ReadAsync<T>(request, required, ct);
}
