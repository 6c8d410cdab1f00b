using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Exchanges.Orders;
using Lyra.Monitoring.Alerts;
using Lyra.Risk.Gate;
using Lyra.Risk.KillSwitch;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Application;

/// <summary>Runs the risk gate on the portfolio as it is now, and reports portfolio risk (exposure, VaR/CVaR).</summary>
public sealed class RiskAssessor(
    PortfolioValuation valuation, IPortfolioStore portfolio, ITradingStateStore settings, ICandleStore candles, IPriceSource prices,
    IAlertStore alerts, IOptions<TradingOptions> trading, IOptionsMonitor<RiskLimits> limits, TimeProvider time)
{
    /// <summary>The gate's answer for <paramref name="action"/> on <paramref name="marketKey"/>; read-only (the API's what-if).</summary>
    public async Task<RiskDecision> AssessAsync(string marketKey, TradeAction action, decimal? price, CancellationToken ct = default) =>
        await GateAsync(await valuation.GetAsync(ct), marketKey, action, price, ct);

    /// <summary>
    /// The gate's answer for a flow's order: first records the equity (a new peak, the start of a new day), so the
    /// drawdown breaker and the daily loss limit see every decision's equity.
    /// </summary>
    public async Task<RiskDecision> EvaluateAsync(string marketKey, TradeAction action, decimal? price, CancellationToken ct = default) =>
        await GateAsync(await valuation.RecordAsync(ct), marketKey, action, price, ct);

    private async Task<RiskDecision> GateAsync(ValuedPortfolio now, string marketKey, TradeAction action, decimal? price, CancellationToken ct)
    {
        var state = await settings.GetAsync(trading.Value.EnabledByDefault, ct);
        var snapshot = now.Snapshot;
        var lastLoss = now.Book.Position(marketKey).LastLossAt;
        var px = price ?? await prices.GetLastPriceAsync(marketKey, ct) ?? 0;
        var atr = action == TradeAction.Buy ? await AtrAsync(marketKey, ct) : null;
        var trades = action == TradeAction.Buy && limits.CurrentValue.Sizing == "kelly"
            ? TradeStats.Of([.. (await portfolio.ListTradesAsync(500, ct)).Select(t => t.Pnl)]) : null;
        return Gate().Evaluate(new RiskRequest(marketKey, action, px, snapshot, state.Enabled, snapshot.PeakEquity, lastLoss, time.GetUtcNow(), atr, trades));
    }

    private (RiskLimits Limits, RiskGate Gate)? _gate;

    // The limits may change at run time (POST /api/config/update): the gate follows them from the next decision.
    private RiskGate Gate()
    {
        var current = limits.CurrentValue;
        if (_gate is { } g && ReferenceEquals(g.Limits, current)) return g.Gate;
        var gate = new RiskGate(current);
        _gate = (current, gate);
        return gate;
    }

    /// <summary>Wilder's ATR of the market's newest candles (null while too few are stored).</summary>
    public async Task<double?> AtrAsync(string marketKey, CancellationToken ct = default)
    {
        var market = Market.Parse(marketKey);
        var latest = await candles.GetLatestTimeAsync(market, ct);
        if (latest is null) return null;
        var period = limits.CurrentValue.Stops.AtrPeriod;
        var window = await candles.GetWindowAsync(market, latest.Value, (period * 3) + 1, ct);
        var atr = new Strategies.Indicators.AverageTrueRange(period);
        foreach (var c in window) atr.Update((double)c.High, (double)c.Low, (double)c.Close);
        return atr.IsReady ? atr.Value : null;
    }

    /// <summary>What <c>GET /api/risk/report</c> shows.</summary>
    /// <param name="Equity">Cash + positions.</param>
    /// <param name="Cash">Free cash.</param>
    /// <param name="PeakEquity">Highest equity seen.</param>
    /// <param name="DrawdownPercent">Down from the peak, %.</param>
    /// <param name="TradingEnabled">Kill switch state.</param>
    /// <param name="TradingReason">Why it was last switched.</param>
    /// <param name="Exposure">Exposure by asset and exchange.</param>
    /// <param name="Bars">Returns used for VaR.</param>
    /// <param name="ValueAtRisk">Historical and parametric VaR/CVaR at 95 % and 99 % as fractions of equity (empty without positions).</param>
    /// <param name="Limits">The limits in force.</param>
    /// <param name="Alerts">Recent alerts.</param>
    public sealed record RiskReport(decimal Equity, decimal Cash, decimal PeakEquity, decimal DrawdownPercent, bool TradingEnabled, string? TradingReason,
        Exposure Exposure, int Bars, IReadOnlyDictionary<string, ValueAtRisk.Estimate> ValueAtRisk, RiskLimits Limits, IReadOnlyList<Alert> Alerts);

    /// <summary>Builds the report; VaR uses the last <paramref name="bars"/> candle returns of the held markets, weighted by notional.</summary>
    public async Task<RiskReport> ReportAsync(int bars, CancellationToken ct = default)
    {
        var state = await settings.GetAsync(trading.Value.EnabledByDefault, ct);
        var snapshot = (await valuation.GetAsync(ct)).Snapshot;
        var equity = snapshot.Equity;
        var peak = snapshot.PeakEquity;
        var series = new List<(double Weight, double[] Returns)>();
        foreach (var p in snapshot.Positions)
        {
            var market = Market.Parse(p.MarketKey);
            var latest = await candles.GetLatestTimeAsync(market, ct);
            if (latest is null) continue;
            var window = await candles.GetWindowAsync(market, latest.Value, bars + 1, ct);
            var r = new double[window.Count - 1];
            for (var i = 1; i < window.Count; i++) r[i - 1] = (double)(window[i].Close / window[i - 1].Close) - 1;
            series.Add(((double)(p.Notional / equity), r));
        }

        var returns = ValueAtRisk.PortfolioReturns(series);
        var estimates = ValueAtRisk.Report(returns);
        var dd = peak > 0 ? Math.Round((peak - equity) / peak * 100, 4) : 0;
        return new RiskReport(Math.Round(equity, 8), snapshot.Cash, peak, dd, state.Enabled, state.Reason, Exposure.Of(snapshot), returns.Length, estimates, limits.CurrentValue, await alerts.ListAsync(20, ct));
    }
}
