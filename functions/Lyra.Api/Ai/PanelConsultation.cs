using System.Diagnostics;
using Lyra.Ai.Consensus;
using Lyra.Ai.Voting;
using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Workflows.Application;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Ai;

/// <summary>
/// Asks the panel about a market now, as a flow would (the same context, plan, deadlines and consensus), without trading
/// or journaling anything: <c>POST /api/ai/consensus</c> and the self-test.
/// </summary>
public sealed class PanelConsultation(VoterPanel panel, PanelPlanner planner, VoteContextBuilder contexts, ICandleStore candles, IOptions<TradingOptions> trading)
{
    /// <summary>The panel's votes and consensus on <paramref name="market"/>'s newest candle for <paramref name="action"/>.</summary>
    public async Task<AiConsensusResponse> AskAsync(Market market, TradeAction action, IReadOnlyList<string> voters, string reason, CancellationToken cancellationToken = default)
    {
        var latest = await candles.GetLatestTimeAsync(market, cancellationToken) ?? throw new ValidationException("market", $"no candles stored for {market.Key}");
        var t = trading.Value;
        var (context, count) = await contexts.BuildAsync(market, latest, action, reason, t.VoterWindowBars, cancellationToken: cancellationToken);
        var deadline = TimeSpan.FromSeconds(t.VoterTimeoutSeconds);
        var plan = await planner.PlanAsync(voters, deadline, cancellationToken);
        var asked = plan.Ask.Select(name => AskOneAsync(panel.Get(name), context, deadline, cancellationToken)).ToList();
        var answered = await Task.WhenAll(asked);
        var votes = voters.Select(name => answered.FirstOrDefault(x => x.Voter == name) ?? plan.Skipped.First(x => x.Voter == name)).ToList();
        var result = ConsensusEngine.Decide(votes, plan.Consensus);
        return new AiConsensusResponse(market.Key, latest, count, action, result, votes.Sum(x => x.CostUsd),
            votes.Any(x => x.Model is not null) ? VotePrompt.User(context) : null, plan.Selection);
    }

    private static async Task<Vote> AskOneAsync(IVoter voter, VoteContext context, TimeSpan deadline, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(deadline);
        var sw = Stopwatch.StartNew();
        try
        {
            var vote = await voter.VoteAsync(context, timeout.Token).WaitAsync(timeout.Token);
            return vote with { LatencyMs = Math.Round(sw.Elapsed.TotalMilliseconds, 1) };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Vote.Abstain(voter.Name, $"no answer within {deadline.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Vote.Abstain(voter.Name, "voter failed: " + e.Message);
        }
    }
}
