using Lyra.Core.Errors;
using Lyra.Data.Candles;

namespace Lyra.Strategies.Backtesting;

/// <summary>
/// Cross-exchange spread arbitrage on two synchronized series (bars are matched by open time; unmatched bars are skipped).
/// With spread = close_B / close_A - 1 and round-trip cost = 2 × (fee_A + fee_B), it enters when |spread| exceeds the
/// cost plus <c>min_edge</c> — buying the cheap venue and selling the dear one, each leg half of the position budget —
/// and exits when |spread| falls to <c>exit_edge</c>. Orders fill at the next matched bar's opens (no look-ahead);
/// each leg pays its venue's fee. A trade's PnL is both legs together.
/// </summary>
public static class ArbitrageBacktester
{
    /// <summary>Catalog name.</summary>
    public const string StrategyName = "arbitrage";

    /// <summary>Runs the spread strategy. <paramref name="feeB"/> is venue B's commission (venue A uses the options' commission).</summary>
    public static BacktestResult Run(CandleSeries a, CandleSeries b, double minEdge, double exitEdge, double feeB, BacktestOptions o, CancellationToken cancellationToken = default)
    {
        o.Validate();
        if (feeB is < 0 or >= 0.5) throw new ValidationException("fee_b", $"venue B's fee must be in [0, 0.5), got {feeB}");
        if (exitEdge >= minEdge) throw new ValidationException("strategy.exit_edge", $"exit_edge ({exitEdge}) must be below min_edge ({minEdge})");
        var (ia, ib) = Align(a, b);
        if (ia.Length < 3) throw new ValidationException("data", $"the two series share {ia.Length} timestamps; arbitrage needs at least 3");
        var n = ia.Length;
        var feeA = o.Commission;
        var threshold = (2 * (feeA + feeB)) + minEdge;
        var times = new long[n];
        var equity = new double[n];
        var trades = new List<Trade>();
        var cash = o.Cash;
        double qa = 0, qb = 0, entryA = 0, entryB = 0, entryFees = 0;
        int entryBar = 0, inMarket = 0, pending = 0; // pending: +1 buy A / sell B, -1 the reverse, 2 close
        for (var k = 0; k < n; k++)
        {
            if ((k & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            int i = ia[k], j = ib[k];
            times[k] = a.Time[i];
            var (openA, openB) = (a.Open[i], b.Open[j]);
            if (pending == 2)
            {
                var fees = (Math.Abs(qa) * openA * feeA) + (Math.Abs(qb) * openB * feeB);
                cash += (qa * openA) + (qb * openB) - fees;
                var pnl = (qa * (openA - entryA)) + (qb * (openB - entryB)) - entryFees - fees;
                var notional = (Math.Abs(qa) * entryA) + (Math.Abs(qb) * entryB);
                trades.Add(new Trade(entryBar, k, times[entryBar], times[k], qa, entryA, openA, pnl, pnl / notional, entryFees + fees, ExitReason.Signal));
                qa = qb = 0;
            }
            else if (pending != 0)
            {
                var leg = o.SizeFraction * cash / 2;
                qa = pending * leg / (openA * (1 + feeA));
                qb = -pending * leg / (openB * (1 + feeB));
                entryFees = (Math.Abs(qa) * openA * feeA) + (Math.Abs(qb) * openB * feeB);
                cash -= (qa * openA) + (qb * openB) + entryFees;
                (entryA, entryB, entryBar) = (openA, openB, k);
            }

            pending = 0;
            var (ca, cb) = (a.Close[i], b.Close[j]);
            equity[k] = cash + (qa * ca) + (qb * cb);
            if (qa != 0) inMarket++;
            if (k == n - 1) break;
            var spread = (cb / ca) - 1;
            if (qa == 0 && Math.Abs(spread) > threshold) pending = spread > 0 ? 1 : -1; // B dear: buy A, sell B
            else if (qa != 0 && Math.Abs(spread) <= exitEdge) pending = 2;
        }

        if (o.CloseAtEnd && qa != 0)
        {
            int i = ia[^1], j = ib[^1];
            var fees = (Math.Abs(qa) * a.Close[i] * feeA) + (Math.Abs(qb) * b.Close[j] * feeB);
            cash += (qa * a.Close[i]) + (qb * b.Close[j]) - fees;
            var pnl = (qa * (a.Close[i] - entryA)) + (qb * (b.Close[j] - entryB)) - entryFees - fees;
            trades.Add(new Trade(entryBar, n - 1, times[entryBar], times[n - 1], qa, entryA, a.Close[i], pnl, pnl / ((Math.Abs(qa) * entryA) + (Math.Abs(qb) * entryB)), entryFees + fees, ExitReason.EndOfData));
            equity[n - 1] = cash;
        }

        // Statistics read times and closes from the series: give them venue A's matched bars.
        var matched = new CandleSeries(times, ia.Select(i => a.Open[i]).ToArray(), ia.Select(i => a.High[i]).ToArray(), ia.Select(i => a.Low[i]).ToArray(),
            ia.Select(i => a.Close[i]).ToArray(), ia.Select(i => a.Volume[i]).ToArray());
        return new BacktestResult(matched, StrategyName, o, equity, trades, inMarket, 0, 0);
    }

    private static (int[] A, int[] B) Align(CandleSeries a, CandleSeries b)
    {
        var ia = new List<int>();
        var ib = new List<int>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            if (a.Time[i] == b.Time[j]) { ia.Add(i++); ib.Add(j++); }
            else if (a.Time[i] < b.Time[j]) i++;
            else j++;
        }

        return (ia.ToArray(), ib.ToArray());
    }
}
