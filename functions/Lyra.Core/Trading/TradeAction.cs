namespace Lyra.Core.Trading;

/// <summary>What a signal, a vote or a consensus proposes.</summary>
public enum TradeAction
{
    /// <summary>Do nothing.</summary>
    Hold = 0,
    /// <summary>Buy (open or add to a long position).</summary>
    Buy = 1,
    /// <summary>Sell (close a long position).</summary>
    Sell = 2,
}
