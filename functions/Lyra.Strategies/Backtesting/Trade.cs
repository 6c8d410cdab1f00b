namespace Lyra.Strategies.Backtesting;

/// <summary>Why a position was closed.</summary>
public enum ExitReason
{
    /// <summary>An opposite signal.</summary>
    Signal = 0,
    /// <summary>Stop-loss.</summary>
    StopLoss = 1,
    /// <summary>Take-profit.</summary>
    TakeProfit = 2,
    /// <summary>Trailing stop.</summary>
    TrailingStop = 3,
    /// <summary>Closed at the last bar.</summary>
    EndOfData = 4,
}

/// <summary>One closed round trip.</summary>
/// <param name="EntryBar">Bar index of the entry fill.</param>
/// <param name="ExitBar">Bar index of the exit fill.</param>
/// <param name="EntryTime">Entry bar open time (epoch ms).</param>
/// <param name="ExitTime">Exit bar open time (epoch ms).</param>
/// <param name="Quantity">Signed quantity (negative = short).</param>
/// <param name="EntryPrice">Entry fill price.</param>
/// <param name="ExitPrice">Exit fill price.</param>
/// <param name="Pnl">Profit and loss after both fills' commissions.</param>
/// <param name="ReturnPct">Pnl / entry notional.</param>
/// <param name="Fees">Commissions paid on both fills.</param>
/// <param name="Exit">Why it closed.</param>
public readonly record struct Trade(
    int EntryBar, int ExitBar, long EntryTime, long ExitTime, double Quantity, double EntryPrice, double ExitPrice,
    double Pnl, double ReturnPct, double Fees, ExitReason Exit)
{
    /// <summary>Long or short.</summary>
    public bool IsLong => Quantity > 0;
    /// <summary>Duration in milliseconds.</summary>
    public long DurationMs => ExitTime - EntryTime;
}
