using Lyra.Core.Errors;

namespace Lyra.Strategies.Backtesting;

/// <summary>How entries are sent after a signal.</summary>
public enum EntryOrderType
{
    /// <summary>Market order: fills at the next bar's open.</summary>
    Market = 0,
    /// <summary>Limit order at the signal close moved in the trader's favour by <see cref="BacktestOptions.EntryOffsetPercent"/>.</summary>
    Limit = 1,
    /// <summary>Stop order at the signal close moved against the trader by <see cref="BacktestOptions.EntryOffsetPercent"/> (breakout confirmation).</summary>
    Stop = 2,
}

/// <summary>Position sizing rule.</summary>
public enum SizingMode
{
    /// <summary>A fraction of equity at the fill.</summary>
    FractionOfEquity = 0,
    /// <summary>A fixed quantity.</summary>
    FixedQuantity = 1,
    /// <summary>
    /// backtesting.py's convention, to reproduce its results: whole units, <c>int(fraction × equity // (fill price +
    /// commission per unit))</c> with Python's floor division, equity marked at the previous close, and a fraction of 1
    /// meaning its default <c>1 − 2⁻⁵²</c> (in backtesting.py a size of 1 is one unit).
    /// </summary>
    BacktestingPy = 2,
}

/// <summary>Settings of one backtest. Percentages are fractions (0.002 = 0.2 %).</summary>
public sealed record BacktestOptions
{
    /// <summary>Starting cash.</summary>
    public double Cash { get; init; } = 10_000;
    /// <summary>Commission as a fraction of notional per fill (taker).</summary>
    public double Commission { get; init; }
    /// <summary>Commission for fills of resting limit orders (maker); defaults to <see cref="Commission"/>.</summary>
    public double? MakerCommission { get; init; }
    /// <summary>Fixed commission per fill, in cash.</summary>
    public double FixedCommission { get; init; }
    /// <summary>Bid-ask spread as a fraction of price; half is paid on every market or stop fill.</summary>
    public double Spread { get; init; }
    /// <summary>Slippage as a fraction of price, against the trader, on market and stop fills.</summary>
    public double Slippage { get; init; }
    /// <summary>Sizing rule.</summary>
    public SizingMode Sizing { get; init; } = SizingMode.FractionOfEquity;
    /// <summary>Fraction of equity per position (0..1; above 1 needs <see cref="AllowShort"/> margin).</summary>
    public double SizeFraction { get; init; } = 1.0;
    /// <summary>Quantity per position when <see cref="Sizing"/> is fixed.</summary>
    public double FixedQuantity { get; init; } = 1;
    /// <summary>Round quantities down to whole units (stocks) instead of fractions (crypto).</summary>
    public bool WholeUnits { get; init; }
    /// <summary>Margin account: sell signals open shorts. False = spot: shorts are refused.</summary>
    public bool AllowShort { get; init; }
    /// <summary>Entry order type.</summary>
    public EntryOrderType EntryOrder { get; init; } = EntryOrderType.Market;
    /// <summary>Offset of limit/stop entries from the signal close (fraction).</summary>
    public double EntryOffsetPercent { get; init; } = 0.01;
    /// <summary>Bars a limit/stop entry stays open before it is cancelled.</summary>
    public int EntryValidBars { get; init; } = 5;
    /// <summary>Stop-loss distance from the entry price (fraction), or null.</summary>
    public double? StopLoss { get; init; }
    /// <summary>Take-profit distance from the entry price (fraction), or null.</summary>
    public double? TakeProfit { get; init; }
    /// <summary>Trailing stop distance from the best close since entry (fraction), or null.</summary>
    public double? TrailingStop { get; init; }
    /// <summary>Close an open position at the last bar's close so statistics include it.</summary>
    public bool CloseAtEnd { get; init; } = true;

    /// <summary>Throws <see cref="ValidationException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string field, string message)
        {
            if (!ok) throw new ValidationException(field, message);
        }

        Check(Cash > 0 && double.IsFinite(Cash), "cash", $"cash must be positive, got {Cash}");
        Check(Commission is >= 0 and < 0.5, "commission", $"commission must be in [0, 0.5), got {Commission}");
        Check(MakerCommission is null or (>= -0.01 and < 0.5), "maker_commission", $"maker commission must be in [-0.01, 0.5), got {MakerCommission}");
        Check(FixedCommission >= 0, "fixed_commission", $"fixed commission must not be negative, got {FixedCommission}");
        Check(Spread is >= 0 and < 0.5, "spread", $"spread must be in [0, 0.5), got {Spread}");
        Check(Slippage is >= 0 and < 0.5, "slippage", $"slippage must be in [0, 0.5), got {Slippage}");
        Check(SizeFraction > 0 && SizeFraction <= (AllowShort ? 10 : 1), "size", $"size fraction must be in (0, {(AllowShort ? 10 : 1)}], got {SizeFraction}");
        Check(FixedQuantity > 0, "quantity", $"fixed quantity must be positive, got {FixedQuantity}");
        Check(EntryOffsetPercent is >= 0 and < 1, "entry_offset", $"entry offset must be in [0, 1), got {EntryOffsetPercent}");
        Check(EntryValidBars >= 1, "entry_valid_bars", $"entry validity must be at least 1 bar, got {EntryValidBars}");
        Check(StopLoss is null or (> 0 and < 1), "stop_loss", $"stop loss must be in (0, 1), got {StopLoss}");
        Check(TakeProfit is null or > 0, "take_profit", $"take profit must be positive, got {TakeProfit}");
        Check(TrailingStop is null or (> 0 and < 1), "trailing_stop", $"trailing stop must be in (0, 1), got {TrailingStop}");
    }
}
