using Lyra.Ai.Analysts;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;

namespace Lyra.Ai.Tests;

public sealed class AnalystTests
{
    private static VoteContext Ctx(double[] closes, TradeAction proposed = TradeAction.Buy) =>
        new("binance:BTCUSDT:1m", proposed, "test", closes, closes.Select(c => c * 1.001).ToArray(), closes.Select(c => c * 0.999).ToArray(), false);

    private static double[] Line(int n, double start, double step) => Enumerable.Range(0, n).Select(i => start + (i * step)).ToArray();

    [Fact]
    public async Task Trend_analyst_buys_up_trends_and_sells_down_trends()
    {
        var up = await new TrendAnalyst().VoteAsync(Ctx(Line(60, 100, 0.2)));
        var down = await new TrendAnalyst().VoteAsync(Ctx(Line(60, 100, -0.2)));
        Assert.Equal(TradeAction.Buy, up.Action);
        Assert.Equal(TradeAction.Sell, down.Action);
        Assert.Equal(1.0, up.Confidence); // 0.2/~112 per bar ≈ 0.18 %/bar, above the 0.05 % full-confidence slope
        Assert.Contains("slope", up.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysts_abstain_when_the_window_is_too_short()
    {
        IVoter[] voters = [new TrendAnalyst(), new MeanReversionAnalyst(), new VolatilityRegimeAnalyst()];
        foreach (var v in voters)
        {
            var vote = await v.VoteAsync(Ctx(Line(10, 100, 1)));
            Assert.True(vote.Abstained, v.Name);
            Assert.Contains("needs", vote.Rationale, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Mean_reversion_sells_a_spike_and_buys_a_crash()
    {
        var flat = Enumerable.Range(0, 40).Select(i => 100 + (i % 2 == 0 ? 0.5 : -0.5)).ToArray();
        var spike = flat.Append(110).ToArray();
        var crash = flat.Append(90).ToArray();
        Assert.Equal(TradeAction.Sell, (await new MeanReversionAnalyst().VoteAsync(Ctx(spike))).Action);
        Assert.Equal(TradeAction.Buy, (await new MeanReversionAnalyst().VoteAsync(Ctx(crash, TradeAction.Sell))).Action);
        var calm = await new MeanReversionAnalyst().VoteAsync(Ctx(flat));
        Assert.Equal(TradeAction.Buy, calm.Action); // within range: no objection to the proposal
        Assert.Contains("no objection", calm.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Volatility_analyst_stands_aside_in_turbulence_and_backs_orderly_signals()
    {
        var rng = new Random(9);
        var calm = new List<double> { 100 };
        for (var i = 0; i < 99; i++) calm.Add(calm[^1] * (1 + ((rng.NextDouble() - 0.5) * 0.002)));
        var wild = new List<double>(calm.Take(80));
        for (var i = 0; i < 20; i++) wild.Add(wild[^1] * (1 + ((rng.NextDouble() - 0.5) * 0.05)));
        var a = new VolatilityRegimeAnalyst();
        Assert.Equal(TradeAction.Hold, (await a.VoteAsync(Ctx([.. wild]))).Action);
        var orderly = await a.VoteAsync(Ctx([.. calm], TradeAction.Sell));
        Assert.Equal(TradeAction.Sell, orderly.Action);
        Assert.InRange(orderly.Confidence, 0.2, 0.9);
    }

    [Fact]
    public void Panel_finds_voters_by_name_and_names_the_missing_one()
    {
        var panel = new VoterPanel([new TrendAnalyst(), new MeanReversionAnalyst()]);
        Assert.Equal(["trend", "mean-reversion"], panel.Names);
        var e = Assert.Throws<Core.Errors.NotFoundException>(() => panel.Get("gpt"));
        Assert.Contains("'gpt'", e.Message, StringComparison.Ordinal);
    }
}
