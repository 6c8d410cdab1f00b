using System.Globalization;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;

namespace Lyra.Ai.Analysts;

/// <summary>
/// Offline analyst that judges the volatility regime: recent (20-bar) against longer (full window) realised volatility.
/// In turbulence (ratio above 2) it says hold; otherwise it backs the proposal, more firmly in calm markets.
/// </summary>
public sealed class VolatilityRegimeAnalyst : IVoter
{
    private const int ShortBars = 20;
    private const double Turbulent = 2.0;

    /// <inheritdoc />
    public string Name => "volatility-regime";

    /// <inheritdoc />
    public Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default)
    {
        var closes = context.Closes.AsSpan();
        if (closes.Length < ShortBars * 2) return Task.FromResult(Vote.Abstain(Name, $"needs {ShortBars * 2} closes, got {closes.Length}"));
        var shortVol = Statistics.LogReturnVol(closes, ShortBars);
        var longVol = Statistics.LogReturnVol(closes, closes.Length - 1);
        if (longVol <= 0) return Task.FromResult(new Vote(Name, TradeAction.Hold, 0.5, "20 bars", "flat prices: no volatility to judge"));
        var ratio = shortVol / longVol;
        var why = string.Create(CultureInfo.InvariantCulture, $"20-bar volatility {shortVol:P3} is {ratio:F2}x the {closes.Length - 1}-bar {longVol:P3}");
        if (ratio >= Turbulent) return Task.FromResult(new Vote(Name, TradeAction.Hold, Math.Round(Math.Min(1, ratio / 3), 4), "20 bars", why + ": turbulent, stand aside"));
        if (context.ProposedAction == TradeAction.Hold) return Task.FromResult(new Vote(Name, TradeAction.Hold, 0.5, "20 bars", why));
        var confidence = Math.Clamp(1.0 - (ratio / Turbulent), 0.2, 0.9);
        return Task.FromResult(new Vote(Name, context.ProposedAction, Math.Round(confidence, 4), "20 bars", why + ": orderly, signal can be trusted"));
    }
}
