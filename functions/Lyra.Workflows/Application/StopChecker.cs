using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Data.Candles;
using Lyra.Risk.Stops;
using Lyra.Risk.Portfolio;
using Lyra.Strategies.Signals;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Application;

/// <summary>
/// The stop check of a position: every candle closed since the last check, oldest first, against the position's stop,
/// take profit and trailing stop. Stores the moved stops (so <c>GET /api/positions</c> shows them) or reports the exit
/// (without moving anything, so a second check finds the same exit). An exit on the newest candle waits when the
/// strategy itself signalled a sell on that candle (its TradeFlow closes the position; if it does not, the next check
/// exits), so the two never sell the same position. Idempotent: it reads and writes state guarded by the position's entry.
/// Run inline for every market update, and by the position monitor before it sells.
/// </summary>
public sealed class StopChecker(IPortfolioStore portfolio, ICandleStore candles, ISignalStore signals, IOptionsMonitor<StrategyOptions> strategy,
    Lyra.Strategies.Management.StrategyRegistry? registry = null)
{
    /// <summary>Most candles checked against unchanged levels before the position records how far it was checked.</summary>
    public const int RecheckBars = 120;

    /// <summary>
    /// Checks the position opened by <paramref name="input"/>'s entry (<paramref name="known"/>: the position as just read;
    /// <paramref name="newest"/>: the newest stored candle's time, when the caller knows it).
    /// </summary>
    public async Task<StopCheckResult> CheckAsync(MonitorInput input, PositionState? known = null, DateTimeOffset? newest = null, CancellationToken ct = default)
    {
        var pos = known ?? (await portfolio.GetAsync(ct)).Position(input.MarketKey);
        if (pos.Quantity <= 0 || pos.EntryDecisionId != input.EntryDecisionId || pos.Stops is null)
        {
            return new StopCheckResult("closed", null, 0, 0, null, $"the position opened by {input.EntryDecisionId} is no longer open", null);
        }

        var market = Market.Parse(input.MarketKey);
        var latest = newest ?? await candles.GetLatestTimeAsync(market, ct);
        var levels = pos.Stops;
        var through = pos.CheckedThrough;
        if (latest is null) return new StopCheckResult("hold", null, pos.Quantity, 0, null, "no candles stored yet", levels);
        var from = through is { } t ? t + market.Timeframe.Duration : latest.Value;
        var detail = "no new candle";
        foreach (var c in from <= latest ? await candles.GetRangeAsync(market, from, latest.Value, ct) : [])
        {
            var check = StopManager.Evaluate(levels, c.High, c.Low);
            if (check.Exit)
            {
                if (c.OpenTime == latest && await SellSignalAtAsync(input.MarketKey, c.OpenTime, ct))
                {
                    await portfolio.UpdateStopsAsync(input.MarketKey, input.EntryDecisionId, levels, through, latest.Value, ct);
                    return new StopCheckResult("hold", check.Rule, pos.Quantity, c.Close, c.OpenTime, check.Detail + "; the strategy's sell on this candle goes first", levels);
                }

                return new StopCheckResult("exit", check.Rule, pos.Quantity, c.Close, c.OpenTime, check.Detail, levels);
            }

            (levels, through, detail) = (check.Levels, c.OpenTime, check.Detail);
        }

        // Written when the levels moved, and otherwise every RecheckBars candles: checking candles again against unchanged
        // levels finds the same (no exit, no move), so most candles need no write at all.
        var stale = through is { } now && (pos.CheckedThrough is not { } before || now - before >= market.Timeframe.Duration * RecheckBars);
        if (levels != pos.Stops || stale) await portfolio.UpdateStopsAsync(input.MarketKey, input.EntryDecisionId, levels, through, latest.Value, ct);
        return new StopCheckResult("hold", null, pos.Quantity, 0, through, detail, levels);
    }

    // Any strategy of the market selling at that candle leaves through its own flow.
    private async Task<bool> SellSignalAtAsync(string marketKey, DateTimeOffset candleTime, CancellationToken ct)
    {
        foreach (var a in strategy.CurrentValue.Configured().Select(a => a.Id).Concat(registry is null ? [] : (await registry.ActiveForAsync(marketKey, ct)).Select(a => a.Id)).Distinct())
        {
            if (await signals.GetAsync(marketKey, candleTime, a, ct) is { Action: TradeAction.Sell }) return true;
        }

        return false;
    }
}
