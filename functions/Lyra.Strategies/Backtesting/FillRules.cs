namespace Lyra.Strategies.Backtesting;

/// <summary>
/// Intrabar fill rules (documented in docs/backtesting.md):
/// market orders fill at the open; a limit fills when the bar trades through it, at the limit or at the open when the
/// bar opens beyond it (a better price); a stop triggers when the bar trades through it and fills at the stop, or at
/// the open when the bar gaps through it (a worse price). Market and stop fills pay half the spread plus slippage.
/// </summary>
public static class FillRules
{
    /// <summary>Market fill price at <paramref name="open"/>, moved against the trader by half the spread plus slippage.</summary>
    public static double Market(bool buy, double open, double spread, double slippage)
    {
        var cost = (spread / 2) + slippage;
        return buy ? open * (1 + cost) : open * (1 - cost);
    }

    /// <summary>Whether a limit order at <paramref name="limit"/> fills in this bar, and at what price.</summary>
    public static bool TryLimit(bool buy, double limit, double open, double high, double low, out double price)
    {
        if (buy && low <= limit) { price = Math.Min(open, limit); return true; }
        if (!buy && high >= limit) { price = Math.Max(open, limit); return true; }
        price = 0;
        return false;
    }

    /// <summary>Whether a stop order at <paramref name="stop"/> triggers in this bar, and at what price (before costs).</summary>
    public static bool TryStop(bool buy, double stop, double open, double high, double low, out double price)
    {
        if (buy && high >= stop) { price = Math.Max(open, stop); return true; }
        if (!buy && low <= stop) { price = Math.Min(open, stop); return true; }
        price = 0;
        return false;
    }
}
