using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Strategies.Strategies;

namespace Lyra.Strategies.Backtesting;

/// <summary>
/// One strategy over several symbols with the cash split equally: each symbol runs its own backtest on its share, and the
/// portfolio equity is the sum of the symbols' equities on the union of their timestamps (a symbol's last equity is carried
/// forward between its bars, and its cash counts before its first bar). Buy &amp; hold is the equal-weight basket.
/// </summary>
public static class PortfolioBacktester
{
    /// <summary>A symbol's own result inside the portfolio.</summary>
    /// <param name="Symbol">Name (usually the file name).</param>
    /// <param name="Result">Its backtest.</param>
    public sealed record Leg(string Symbol, BacktestResult Result);

    /// <summary>Runs the portfolio; returns the combined result and each leg.</summary>
    public static (BacktestResult Portfolio, IReadOnlyList<Leg> Legs) Run(IStrategyFactory strategies, IReadOnlyList<(string Symbol, CandleSeries Series)> symbols, string strategy,
        IReadOnlyDictionary<string, double>? parameters, BacktestOptions options, CancellationToken cancellationToken = default)
    {
        if (symbols.Count < 2) throw new ValidationException("data", "a portfolio needs at least two symbols");
        options.Validate();
        var share = options with { Cash = options.Cash / symbols.Count };
        var legs = new Leg[symbols.Count];
        Parallel.For(0, symbols.Count, new ParallelOptions { CancellationToken = cancellationToken }, k =>
            legs[k] = new Leg(symbols[k].Symbol, Backtests.Run(strategies, symbols[k].Series, strategy, parameters, share, cancellationToken: cancellationToken)));

        var times = symbols.SelectMany(s => s.Series.Time).Distinct().Order().ToArray();
        var n = times.Length;
        var equity = new double[n];
        var basket = new double[n];
        var cursor = new int[symbols.Count];
        var inMarket = 0;
        for (var t = 0; t < n; t++)
        {
            double total = 0, index = 0;
            for (var k = 0; k < symbols.Count; k++)
            {
                var s = symbols[k].Series;
                while (cursor[k] < s.Count - 1 && s.Time[cursor[k] + 1] <= times[t]) cursor[k]++;
                var started = s.Time[0] <= times[t];
                total += started ? legs[k].Result.Equity[cursor[k]] : share.Cash;
                index += started ? s.Close[cursor[k]] / s.Close[0] : 1;
            }

            equity[t] = total;
            basket[t] = index / symbols.Count;
        }

        foreach (var leg in legs) inMarket = Math.Max(inMarket, leg.Result.BarsInMarket);
        var trades = legs.SelectMany(l => l.Result.Trades.Select(tr => Remap(tr, times))).OrderBy(tr => tr.ExitTime).ToList();
        // The combined series carries the timeline and the basket (for buy & hold); prices are not traded from it.
        var series = new CandleSeries(times, basket, basket, basket, basket, new double[n]);
        var portfolio = new BacktestResult(series, $"{strategy} × {symbols.Count}", options, equity, trades, Math.Min(n, inMarket),
            legs.Sum(l => l.Result.RefusedShorts), legs.Sum(l => l.Result.SkippedEntries));
        return (portfolio, legs);
    }

    private static Trade Remap(Trade t, long[] times) =>
        t with { EntryBar = Array.BinarySearch(times, t.EntryTime), ExitBar = Array.BinarySearch(times, t.ExitTime) };
}
