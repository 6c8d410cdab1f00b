using Lyra.Ai.Consensus;
using Lyra.Ai.Voting;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Storage;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Activities;

/// <summary>Step 1: reads the candle window and the position, snapshots the settings and opens the journal.</summary>
public sealed class GatherContextActivity(
    CandleStore candles, PortfolioStore portfolio, DecisionStore decisions,
    IOptions<TradingOptions> trading, IOptions<ConsensusOptions> consensus) : TaskActivity<GatherContextInput, MarketContext>
{
    /// <inheritdoc />
    public override async Task<MarketContext> RunAsync(TaskActivityContext context, GatherContextInput input)
    {
        var ct = CancellationToken.None;
        var signal = input.Signal;
        await decisions.SaveAsync(new DecisionJournal { Id = input.DecisionId, Signal = signal, Status = DecisionStatus.Running, StartedAt = input.StartedAt }, ct);

        var market = Market.Parse(signal.MarketKey);
        var window = await candles.GetWindowAsync(market, signal.CandleTime, trading.Value.VoterWindowBars, ct);
        var series = CandleSeries.From(window);
        var positions = await portfolio.ListPositionsAsync(ct);
        var held = positions.Any(p => p.MarketKey == signal.MarketKey && p.Quantity > 0);
        var vote = new VoteContext(signal.MarketKey, signal.Action, signal.Reason, series.Close, series.High, series.Low, held);
        var c = consensus.Value;
        var snapshot = new ConsensusOptions { Quorum = c.Quorum, MinAgreement = c.MinAgreement, Weights = new(c.Weights, StringComparer.Ordinal) };
        var t = trading.Value;
        return new MarketContext(vote, [.. t.Voters], snapshot, t.ActivityMaxAttempts, window.Count, t.VoterTimeoutSeconds, t.ApprovalNotional, t.ApprovalTimeoutSeconds);
    }
}
