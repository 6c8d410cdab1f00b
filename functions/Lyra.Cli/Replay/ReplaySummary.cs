using System.Globalization;
using System.Text;

namespace Lyra.Cli.Replay;

/// <summary>What a replay did, printed at its end.</summary>
public sealed record ReplaySummary
{
    /// <summary>Market replayed.</summary>
    public required string Market { get; init; }
    /// <summary>First and last candle times.</summary>
    public required DateTimeOffset From { get; init; }
    /// <summary>Last candle time.</summary>
    public required DateTimeOffset To { get; init; }
    /// <summary>Candles stored.</summary>
    public int Candles { get; init; }
    /// <summary>Signals stored.</summary>
    public int Signals { get; init; }
    /// <summary>Decisions executed (order filled).</summary>
    public int Executed { get; init; }
    /// <summary>Rejections by reason.</summary>
    public IReadOnlyDictionary<string, int> RejectedByReason { get; init; } = new Dictionary<string, int>();
    /// <summary>Decisions that failed.</summary>
    public int Failed { get; init; }
    /// <summary>Positions closed by their monitor, by rule (stop_loss, trailing_stop, take_profit).</summary>
    public IReadOnlyDictionary<string, int> StopExits { get; init; } = new Dictionary<string, int>();
    /// <summary>Orders placed.</summary>
    public int Orders { get; init; }
    /// <summary>Open positions at the end.</summary>
    public int OpenPositions { get; init; }
    /// <summary>Starting cash.</summary>
    public decimal StartingCash { get; init; }
    /// <summary>Equity at the last price.</summary>
    public decimal Equity { get; init; }
    /// <summary>Realized PnL after fees.</summary>
    public decimal RealizedPnl { get; init; }
    /// <summary>Unrealized PnL of open positions.</summary>
    public decimal UnrealizedPnl { get; init; }
    /// <summary>Fees paid.</summary>
    public decimal Fees { get; init; }
    /// <summary>Buy-and-hold return of the replayed series, %.</summary>
    public decimal BuyAndHoldPercent { get; init; }
    /// <summary>Wall-clock duration.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Total decisions.</summary>
    public int Decisions => Executed + Failed + RejectedByReason.Values.Sum();

    /// <summary>The summary as a text table.</summary>
    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("== Lyra replay summary ==");
        sb.AppendLine(c, $"market            {Market}  {From:yyyy-MM-dd HH:mm} .. {To:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(c, $"candles           {Candles}");
        sb.AppendLine(c, $"signals           {Signals}");
        sb.AppendLine(c, $"decisions         {Decisions}: executed {Executed}, rejected {RejectedByReason.Values.Sum()}, failed {Failed}");
        foreach (var (reason, n) in RejectedByReason.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(c, $"  rejected: {reason,-22} {n}");
        }

        var exits = StopExits.Values.Sum();
        var byRule = string.Join(", ", StopExits.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => string.Create(c, $"{x.Key} {x.Value}")));
        sb.AppendLine(c, $"stop exits        {exits}{(exits == 0 ? "" : " (" + byRule + ")")}");
        sb.AppendLine(c, $"orders            {Orders}");
        sb.AppendLine(c, $"open positions    {OpenPositions}");
        var pnl = Equity - StartingCash;
        var pct = StartingCash == 0 ? 0 : pnl / StartingCash * 100;
        sb.AppendLine(c, $"PnL               {pnl:+0.00;-0.00} ({pct:+0.00;-0.00}%)  realized {RealizedPnl:0.00}, unrealized {UnrealizedPnl:0.00}, fees {Fees:0.00}");
        sb.AppendLine(c, $"equity            {StartingCash:0.00} -> {Equity:0.00}   (buy & hold {BuyAndHoldPercent:+0.00;-0.00}%)");
        sb.AppendLine(c, $"elapsed           {Elapsed.TotalSeconds:0.0} s");
        return sb.ToString();
    }
}
