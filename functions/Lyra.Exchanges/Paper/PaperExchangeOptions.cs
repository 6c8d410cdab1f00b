using System.ComponentModel.DataAnnotations;

namespace Lyra.Exchanges.Paper;

/// <summary>Settings of the paper exchange (section <c>Lyra:Paper</c>).</summary>
public sealed class PaperExchangeOptions
{
    /// <summary>Taker fee as a fraction of notional (0.001 = 0.1 %).</summary>
    [Range(0, 0.05)]
    public decimal FeeRate { get; set; } = 0.001m;

    /// <summary>Slippage in basis points, always against the order (buys fill higher, sells lower).</summary>
    [Range(0, 500)]
    public decimal SlippageBps { get; set; } = 5m;

    /// <summary>
    /// A venue to imitate (<c>gateio</c>, <c>okx</c>; it must be enabled): its markets' orders fill at that venue's best
    /// bid or ask now, rounded to its quantity step, refused below its minimums, and pay its taker fee. Empty = the plain
    /// simulation (last close, <see cref="SlippageBps"/>, <see cref="FeeRate"/>).
    /// </summary>
    public string? Imitate { get; set; }

    /// <summary>Quote currency the paper account starts with.</summary>
    [Range(1, 1_000_000_000)]
    public decimal StartingCash { get; set; } = 10_000m;
}
