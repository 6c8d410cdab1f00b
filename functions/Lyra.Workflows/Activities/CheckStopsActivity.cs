using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Data.Storage;
using Lyra.Risk.Stops;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>
/// The position monitor's check: every candle closed since the last check, oldest first, against the position's stop,
/// take profit and trailing stop. Stores the moved stops (so <c>GET /api/positions</c> shows them) or reports the exit.
/// An exit on the newest candle waits when the strategy itself signalled a sell on that candle (its TradeFlow closes the
/// position; if it does not, the next check exits), so the two never sell the same position. Idempotent: it reads and
/// writes state guarded by the position's entry.
/// </summary>
public sealed class CheckStopsActivity(PortfolioStore portfolio, CandleStore candles, SignalStore signals) : TaskActivity<MonitorInput, StopCheckResult>
{
    /// <inheritdoc />
    public override async Task<StopCheckResult> RunAsync(TaskActivityContext context, MonitorInput input)
    {
        var ct = CancellationToken.None;
        var pos = await portfolio.GetPositionAsync(input.MarketKey, ct);
        if (pos.Quantity <= 0 || pos.EntryDecisionId != input.EntryDecisionId || pos.Stops is null)
        {
            return new StopCheckResult("closed", null, 0, 0, null, $"the position opened by {input.EntryDecisionId} is no longer open", null);
        }

        var market = Market.Parse(input.MarketKey);
        var latest = await candles.GetLatestTimeAsync(market, ct);
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

        await portfolio.UpdateStopsAsync(input.MarketKey, input.EntryDecisionId, levels, through, latest.Value, ct);
        return new StopCheckResult("hold", null, pos.Quantity, 0, through, detail, levels);
    }

    private async Task<bool> SellSignalAtAsync(string marketKey, DateTimeOffset candleTime, CancellationToken ct) =>
        (await signals.ListAsync(marketKey, 5, ct)).Any(s => s.CandleTime == candleTime && s.Action == TradeAction.Sell);
}
