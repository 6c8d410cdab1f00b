using Lyra.Data.Candles;
using Lyra.Data.Memory;

namespace Lyra.Strategies.Backtesting;

/// <summary>What a backtest produced: trades, the equity curve (one value per bar, at the close) and counters.</summary>
public sealed class BacktestResult
{
    internal BacktestResult(CandleSeries series, string strategy, BacktestOptions options, double[] equity, List<Trade> trades, int barsInMarket, int refusedShorts, int skippedEntries)
    {
        Series = series;
        Strategy = strategy;
        Options = options;
        Equity = equity;
        Trades = trades;
        BarsInMarket = barsInMarket;
        RefusedShorts = refusedShorts;
        SkippedEntries = skippedEntries;
    }

    /// <summary>The bars.</summary>
    public CandleSeries Series { get; }
    /// <summary>Strategy name.</summary>
    public string Strategy { get; }
    /// <summary>Options used.</summary>
    public BacktestOptions Options { get; }
    /// <summary>Equity at each bar's close.</summary>
    public double[] Equity { get; }
    /// <summary>Closed trades in order.</summary>
    public IReadOnlyList<Trade> Trades { get; }
    /// <summary>Bars that ended with an open position.</summary>
    public int BarsInMarket { get; }
    /// <summary>Sell signals refused because the account is spot-only.</summary>
    public int RefusedShorts { get; }
    /// <summary>Entries skipped because the size rounded to zero or the entry order expired.</summary>
    public int SkippedEntries { get; }

    /// <summary>Drawdown at each bar: equity / running peak - 1 (≤ 0). Computed on demand.</summary>
    public double[] Drawdown()
    {
        // Every element is written below.
        var dd = ColumnArrays.Uninitialized<double>(Equity.Length);
        var peak = double.MinValue;
        for (var i = 0; i < Equity.Length; i++)
        {
            if (Equity[i] > peak) peak = Equity[i];
            dd[i] = (Equity[i] / peak) - 1;
        }

        return dd;
    }
}
