using Lyra.Strategies.Backtesting;

namespace Lyra.Api.Strategies;

/// <summary>One trade of a backtest as the API shows it.</summary>
/// <param name="EntryTime">Entry fill time.</param>
/// <param name="ExitTime">Exit fill time.</param>
/// <param name="Side"><c>long</c> or <c>short</c>.</param>
/// <param name="Quantity">Size.</param>
/// <param name="EntryPrice">Entry fill price.</param>
/// <param name="ExitPrice">Exit fill price.</param>
/// <param name="Pnl">Result after costs.</param>
/// <param name="ReturnPct">Return on the entry notional, %.</param>
/// <param name="Exit">How it was closed (signal, stop, take profit, end).</param>
public sealed record BacktestTrade(DateTimeOffset EntryTime, DateTimeOffset ExitTime, string Side, double Quantity, double EntryPrice, double ExitPrice,
    double Pnl, double ReturnPct, string Exit)
{
    /// <summary>The API form of <paramref name="t"/>.</summary>
    public static BacktestTrade Of(Trade t) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(t.EntryTime), DateTimeOffset.FromUnixTimeMilliseconds(t.ExitTime), t.IsLong ? "long" : "short",
            Math.Abs(t.Quantity), t.EntryPrice, t.ExitPrice, t.Pnl, t.ReturnPct * 100, t.Exit.ToString());
}
