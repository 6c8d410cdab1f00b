using System.Globalization;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Indicators;
using Lyra.Core.Journals;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Orchestration;

namespace Lyra.Workflows.Application;

/// <summary>
/// Builds what the voters see for a market at a moment: the candle window, indicators on its last candle, the open
/// position and the market's latest decisions. TradeFlow's context step and <c>POST /api/ai/consensus</c> share it.
/// </summary>
public sealed class VoteContextBuilder(ICandleStore candles, IPortfolioStore portfolio, IJournalStore<DecisionJournal> decisions, IPriceSource prices)
{
    /// <summary>Decisions listed in the context.</summary>
    public const int RecentDecisionCount = 5;

    /// <summary>The context for <paramref name="proposed"/> on <paramref name="market"/> with candles up to <paramref name="at"/>.</summary>
    /// <param name="market">The market.</param>
    /// <param name="at">Open time of the newest candle to include.</param>
    /// <param name="proposed">The proposed action.</param>
    /// <param name="reason">Why it is proposed.</param>
    /// <param name="windowBars">Candles in the window.</param>
    /// <param name="excludeDecisionId">The decision being made (left out of the recent decisions).</param>
    /// <param name="withRecent">Whether to list the market's recent decisions (only the LLM voters read them).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<(VoteContext Context, int Candles)> BuildAsync(Market market, DateTimeOffset at, TradeAction proposed, string reason, int windowBars,
        string? excludeDecisionId = null, bool withRecent = true, CancellationToken cancellationToken = default)
    {
        var window = await candles.GetWindowAsync(market, at, windowBars, cancellationToken);
        var series = CandleSeries.From(window);
        var position = (await portfolio.GetAsync(cancellationToken)).Position(market.Key) is { Quantity: > 0 } p ? p : null;
        string? held = null;
        if (position is not null)
        {
            var last = await prices.GetLastPriceAsync(market.Key, cancellationToken) ?? position.AveragePrice;
            var pnl = position.UnrealizedPnl(last);
            held = string.Create(CultureInfo.InvariantCulture,
                $"long {position.Quantity} @ {position.AveragePrice:G8}, last {last:G8}, unrealized {pnl:+0.##;-0.##;0} ({(position.AveragePrice > 0 ? (last / position.AveragePrice - 1) * 100 : 0):+0.##;-0.##;0}%)");
        }

        var recent = new List<string>();
        foreach (var d in withRecent ? await decisions.ListAsync(new JournalQuery(market.Key, Limit: RecentDecisionCount + 1), cancellationToken) : [])
        {
            if (d.Id == excludeDecisionId || recent.Count >= RecentDecisionCount) continue;
            var outcome = d.Status.ToString().ToLowerInvariant() + (d.Reasons.Count > 0 ? " (" + string.Join(", ", d.Reasons) + ")" : "");
            recent.Add(string.Create(CultureInfo.InvariantCulture, $"{d.Signal.CandleTime:yyyy-MM-dd HH:mm} {d.Signal.Strategy} proposed {d.Signal.Action.ToString().ToLowerInvariant()} → {outcome}"));
        }

        var context = new VoteContext(market.Key, proposed, reason, series.Close, series.High, series.Low, position is not null, Indicators(series), recent, held);
        return (context, window.Count);
    }

    /// <summary>RSI(14), SMA(20/50), ATR(14), MACD(12,26,9) histogram and Bollinger %B(20,2) on the last candle; those still warming up are left out.</summary>
    public static IReadOnlyDictionary<string, double> Indicators(CandleSeries s)
    {
        var rsi = new RelativeStrengthIndex(14);
        var sma20 = new SimpleMovingAverage(20);
        var sma50 = new SimpleMovingAverage(50);
        var atr = new AverageTrueRange(14);
        var macd = new MovingAverageConvergenceDivergence(12, 26, 9);
        var bb = new BollingerBands(20, 2);
        double r = double.NaN, a = double.NaN, b = double.NaN, t = double.NaN;
        for (var i = 0; i < s.Count; i++)
        {
            r = rsi.Update(s.Close[i]);
            a = sma20.Update(s.Close[i]);
            b = sma50.Update(s.Close[i]);
            t = atr.Update(s.High[i], s.Low[i], s.Close[i]);
            macd.Update(s.Close[i]);
            bb.Update(s.Close[i]);
        }

        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        void Put(string name, double v) { if (!double.IsNaN(v) && !double.IsInfinity(v)) result[name] = Math.Round(v, 6); }
        Put("rsi_14", r);
        Put("sma_20", a);
        Put("sma_50", b);
        Put("atr_14", t);
        Put("macd_hist_12_26_9", macd.Histogram);
        Put("bb_percent_b_20_2", bb.Upper > bb.Lower && s.Count > 0 ? (s.Close[^1] - bb.Lower) / (bb.Upper - bb.Lower) : double.NaN);
        return result;
    }
}
