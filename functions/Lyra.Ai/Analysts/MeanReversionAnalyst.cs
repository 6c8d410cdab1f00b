using System.Globalization;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;

namespace Lyra.Ai.Analysts;

/// <summary>
/// Offline analyst that expects prices to revert to their 20-bar mean: z-score below -1.5 → buy, above +1.5 → sell,
/// otherwise it has no objection and leans with the proposal at a confidence that falls as the stretch grows.
/// </summary>
public sealed class MeanReversionAnalyst : IVoter
{
    private const int Bars = 20;
    private const double Stretch = 1.5;

    /// <inheritdoc />
    public string Name => "mean-reversion";

    /// <inheritdoc />
    public Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default)
    {
        var closes = context.Closes.AsSpan();
        if (closes.Length < Bars) return Task.FromResult(Vote.Abstain(Name, $"needs {Bars} closes, got {closes.Length}"));
        var window = closes[^Bars..];
        var mean = Statistics.Mean(window);
        var sd = Statistics.StdDev(window);
        var z = sd > 0 ? (closes[^1] - mean) / sd : 0;
        var why = string.Create(CultureInfo.InvariantCulture, $"z-score {z:F2} against the {Bars}-bar mean {mean:G6}");
        Vote vote;
        if (z <= -Stretch) vote = new(Name, TradeAction.Buy, Math.Round(Math.Min(1, Math.Abs(z) / 3), 4), "20 bars", why + ": stretched below");
        else if (z >= Stretch) vote = new(Name, TradeAction.Sell, Math.Round(Math.Min(1, z / 3), 4), "20 bars", why + ": stretched above");
        else if (context.ProposedAction != TradeAction.Hold) vote = new(Name, context.ProposedAction, Math.Round(0.6 * (1 - (Math.Abs(z) / Stretch)), 4), "20 bars", why + ": within range, no objection");
        else vote = new(Name, TradeAction.Hold, 0.5, "20 bars", why + ": within range");
        return Task.FromResult(vote);
    }
}
