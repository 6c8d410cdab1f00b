namespace Lyra.Strategies.Backtesting;

/// <summary>
/// backtesting.py's order sizing, so its results can be reproduced to the unit: a relative size becomes
/// <c>int((equity × fraction) // (fill price + commission per unit))</c> whole units, where <c>//</c> is Python's float
/// floor division (not <c>Math.Floor(a / b)</c>, which can round a quotient just below an integer up to it).
/// </summary>
public static class BacktestingPySizing
{
    /// <summary>backtesting.py's default size: all the equity, <c>1 − sys.float_info.epsilon</c>.</summary>
    public const double FullEquity = 1 - 2.220446049250313e-16;

    /// <summary>Whole units bought with <paramref name="fraction"/> of <paramref name="equity"/> (1 = <see cref="FullEquity"/>).</summary>
    public static double Units(double fraction, double equity, double fillPrice, double commissionPerUnit)
    {
        if (fraction == 1) fraction = FullEquity;
        var units = FloorDiv(fraction * Math.Max(0, equity), fillPrice + commissionPerUnit);
        return units > 0 ? units : 0;
    }

    /// <summary>Python's <c>a // b</c> for floats (CPython's float_floor_div: fmod, then the exact correction).</summary>
    public static double FloorDiv(double a, double b)
    {
        var mod = a % b; // C#'s % on doubles is C's fmod, as CPython uses
        var div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1.0;
        if (div == 0) return Math.CopySign(0, a / b);
        var floor = Math.Floor(div);
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }
}
