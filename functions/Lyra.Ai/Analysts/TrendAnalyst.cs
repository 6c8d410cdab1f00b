using System.Globalization;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;

namespace Lyra.Ai.Analysts;

/// <summary>
/// Offline analyst that follows the trend: the regression slope of the last 30 closes (as % of price per bar)
/// and the price against its 50-bar mean. Up-trend and above the mean → buy; down-trend and below → sell.
/// </summary>
public sealed class TrendAnalyst : IVoter
{
    private const int SlopeBars = 30;
    private const int MeanBars = 50;
    private const double SlopeForFullConfidence = 0.0005; // 0.05 % per bar

    /// <inheritdoc />
    public string Name => "trend";

    /// <inheritdoc />
    public Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default)
    {
        var closes = context.Closes.AsSpan();
        if (closes.Length < SlopeBars) return Task.FromResult(Vote.Abstain(Name, $"needs {SlopeBars} closes, got {closes.Length}"));
        var last = closes[^1];
        var slopePct = Statistics.Slope(closes, SlopeBars) / last;
        var mean = Statistics.Mean(closes[^Math.Min(MeanBars, closes.Length)..]);
        var confidence = Math.Clamp(Math.Abs(slopePct) / SlopeForFullConfidence, 0, 1);
        var why = string.Create(CultureInfo.InvariantCulture, $"slope {slopePct:P3}/bar over {SlopeBars} bars, close {last:G6} vs {MeanBars}-bar mean {mean:G6}");
        var action = slopePct > 0 && last > mean ? TradeAction.Buy
            : slopePct < 0 && last < mean ? TradeAction.Sell
            : TradeAction.Hold;
        if (action == TradeAction.Hold) confidence = 0.5;
        return Task.FromResult(new Vote(Name, action, Math.Round(confidence, 4), "30 bars", why));
    }
}
