using Lyra.Ai.Analysts;
using Lyra.Ai.Consensus;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Strategies;
using Lyra.Testing;
using Lyra.Workflows.Signals;

namespace Lyra.Workflows.Tests;

public sealed class AiSignalStrategyTests
{
    private static readonly CandleSeries Series = SyntheticSeries.GenerateSeries(1500, 12, Timeframe.Parse("15m"), TestCandles.Start);

    [Fact]
    public void Each_signal_is_the_consensus_of_the_offline_analysts_on_that_bar()
    {
        var strategy = AiSignalStrategies.Factory().Create("ai-signals", new Dictionary<string, double> { ["window"] = 60, ["min_agreement"] = 0.6 });
        var actions = Enumerable.Range(0, 400).Select(i => strategy.OnBar(Series, i)).ToList();
        Assert.All(actions.Take(59), a => Assert.Equal(TradeAction.Hold, a));
        Assert.Contains(TradeAction.Buy, actions);
        Assert.Contains(TradeAction.Sell, actions);

        // Recompute bar 250 by hand: the last 60 bars, proposal from the 60-bar mean, three analysts, consensus.
        const int bar = 250;
        var closes = Series.Close[(bar - 59)..(bar + 1)];
        var proposal = Series.Close[bar] > closes.Average() ? TradeAction.Buy : TradeAction.Sell;
        var ctx = new VoteContext("backtest", proposal, "", closes, Series.High[(bar - 59)..(bar + 1)], Series.Low[(bar - 59)..(bar + 1)], false);
        IVoter[] panel = [new TrendAnalyst(), new MeanReversionAnalyst(), new VolatilityRegimeAnalyst()];
        var votes = panel.Select(v => v.VoteAsync(ctx).Result).ToList();
        var expected = ConsensusEngine.Decide(votes, new ConsensusOptions { Quorum = 2, MinAgreement = 0.6 }).Action;
        Assert.Equal(expected, actions[bar]);
        Assert.Equal(expected, strategy.Evaluate(Series, bar).Action);
        Assert.Contains("trend", strategy.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void It_backtests_like_any_catalog_strategy()
    {
        var strategies = AiSignalStrategies.Factory();
        var r = Backtests.Run(strategies, Series, "ai-signals", null, new BacktestOptions { Commission = 0.001 });
        Assert.NotEmpty(r.Trades);
        Assert.Equal(10_000 + r.Trades.Sum(t => t.Pnl), r.Equity[^1], 6);
        Assert.Contains("ai-signals", strategies.SignalStrategies);
    }
}
