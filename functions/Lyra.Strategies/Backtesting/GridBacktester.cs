using Lyra.Core.Errors;
using Lyra.Data.Candles;

namespace Lyra.Strategies.Backtesting;

/// <summary>
/// Grid trading: <c>levels</c> buy limits spaced <c>spacing</c> apart below the first close, each with its own budget
/// (cash / levels). When a level's buy fills, a sell limit one spacing above it is placed; when that fills, the round
/// trip is recorded and the level's buy is re-armed. Fills follow <see cref="FillRules"/> (limit rules, maker commission);
/// a level bought in a bar can sell from the next bar on. Open lots are closed at the last close by default.
/// </summary>
public static class GridBacktester
{
    /// <summary>Catalog name.</summary>
    public const string StrategyName = "grid";

    /// <summary>Runs the grid.</summary>
    public static BacktestResult Run(CandleSeries s, int levels, double spacing, BacktestOptions o, CancellationToken cancellationToken = default)
    {
        o.Validate();
        if (levels is < 1 or > 200) throw new ValidationException("strategy.levels", $"levels must be 1..200, got {levels}");
        if (spacing is <= 0 or >= 0.5) throw new ValidationException("strategy.spacing", $"spacing must be in (0, 0.5), got {spacing}");
        if (s.Count < 2) throw new ValidationException("data", "a grid needs at least 2 bars");
        var n = s.Count;
        var fee = o.MakerCommission ?? o.Commission;
        var center = s.Close[0];
        var buyAt = new double[levels];
        var qty = new double[levels];     // held quantity per level (0 = armed to buy)
        var entry = new double[levels];
        var entryFee = new double[levels];
        var entryBar = new int[levels];
        for (var k = 0; k < levels; k++) buyAt[k] = center * (1 - ((k + 1) * spacing));
        var budget = o.Cash / levels;
        var cash = o.Cash;
        var equity = new double[n];
        var trades = new List<Trade>();
        int inMarket = 0, skipped = 0;
        for (var i = 1; i < n; i++)
        {
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var (open, high, low) = (s.Open[i], s.High[i], s.Low[i]);
            var holding = false;
            for (var k = 0; k < levels; k++)
            {
                if (qty[k] > 0)
                {
                    if (entryBar[k] < i && FillRules.TryLimit(false, entry[k] * (1 + spacing), open, high, low, out var sell))
                    {
                        var exitFee = (qty[k] * sell * fee) + o.FixedCommission;
                        cash += (qty[k] * sell) - exitFee;
                        var pnl = (qty[k] * (sell - entry[k])) - entryFee[k] - exitFee;
                        trades.Add(new Trade(entryBar[k], i, s.Time[entryBar[k]], s.Time[i], qty[k], entry[k], sell, pnl, pnl / (qty[k] * entry[k]), entryFee[k] + exitFee, ExitReason.TakeProfit));
                        qty[k] = 0; // re-armed
                    }
                }
                else if (FillRules.TryLimit(true, buyAt[k], open, high, low, out var buy))
                {
                    var q = (budget - o.FixedCommission) / (buy * (1 + fee));
                    if (o.WholeUnits) q = Math.Floor(q);
                    if (q <= 0 || (q * buy * (1 + fee)) + o.FixedCommission > cash + 1e-9) { skipped++; continue; }
                    entryFee[k] = (q * buy * fee) + o.FixedCommission;
                    cash -= (q * buy) + entryFee[k];
                    (qty[k], entry[k], entryBar[k]) = (q, buy, i);
                }

                holding |= qty[k] > 0;
            }

            var value = cash;
            for (var k = 0; k < levels; k++) value += qty[k] * s.Close[i];
            equity[i] = value;
            if (holding) inMarket++;
        }

        equity[0] = o.Cash;
        if (o.CloseAtEnd)
        {
            var last = n - 1;
            for (var k = 0; k < levels; k++)
            {
                if (qty[k] <= 0) continue;
                var px = s.Close[last];
                var exitFee = (qty[k] * px * o.Commission) + o.FixedCommission;
                cash += (qty[k] * px) - exitFee;
                var pnl = (qty[k] * (px - entry[k])) - entryFee[k] - exitFee;
                trades.Add(new Trade(entryBar[k], last, s.Time[entryBar[k]], s.Time[last], qty[k], entry[k], px, pnl, pnl / (qty[k] * entry[k]), entryFee[k] + exitFee, ExitReason.EndOfData));
            }

            equity[last] = cash;
        }

        trades.Sort((a, b) => a.ExitBar != b.ExitBar ? a.ExitBar.CompareTo(b.ExitBar) : a.EntryBar.CompareTo(b.EntryBar));
        return new BacktestResult(s, StrategyName, o, equity, trades, inMarket, 0, skipped);
    }
}
