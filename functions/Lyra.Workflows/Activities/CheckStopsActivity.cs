using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Data.Candles;
using Lyra.Risk.Stops;
using Lyra.Risk.Portfolio;
using Lyra.Strategies.Signals;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Activities;

/// <summary>
/// The position monitor's check: every candle closed since the last check, oldest first, against the position's stop,
/// take profit and trailing stop. Stores the moved stops (so <c>GET /api/positions</c> shows them) or reports the exit.
/// An exit on the newest candle waits when the strategy itself signalled a sell on that candle (its TradeFlow closes the
/// position; if it does not, the next check exits), so the two never sell the same position. Idempotent: it reads and
/// writes state guarded by the position's entry.
/// </summary>
public sealed class CheckStopsActivity(IPortfolioStore portfolio, ICandleStore candles, ISignalStore signals, IOptions<StrategyOptions> strategy)
    : TaskActivity<MonitorInput, StopCheckResult>
{
    /// <inheritdoc />
    public override async Task<StopCheckResult> RunAsync(TaskActivityContext context, MonitorInput input)
    {
        var ct = CancellationToken.None;
        var pos = (await portfolio.GetAsync(ct)).Position(input.MarketKey);
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
        await signals.GetAsync(marketKey, candleTime, strategy.Value.Name, ct) is { Action: TradeAction.Sell };
}
