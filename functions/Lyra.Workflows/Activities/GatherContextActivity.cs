using Lyra.Ai.Voting;
using Lyra.Core.Journals;
using Lyra.Data.Markets;
using Lyra.Workflows.Application;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Activities;

/// <summary>
/// Step 1: opens the journal, builds what the voters see (candles, indicators, position, recent decisions) and plans
/// the panel (budgets, model selection, learned weights), snapshotting the settings so the flow's replays agree.
/// </summary>
public sealed class GatherContextActivity(VoteContextBuilder builder, PanelPlanner planner, IJournalStore<DecisionJournal> decisions, VoterPanel panel,
    IOptions<TradingOptions> trading) : TaskActivity<GatherContextInput, MarketContext>
{
    /// <inheritdoc />
    public override async Task<MarketContext> RunAsync(TaskActivityContext context, GatherContextInput input)
    {
        var ct = CancellationToken.None;
        var signal = input.Signal;
        using var span = Telemetry.LyraTelemetry.StartStep("context", input.DecisionId, signal.MarketKey);
        await decisions.SaveAsync(new DecisionJournal { Id = input.DecisionId, Signal = signal, Status = DecisionStatus.Running, StartedAt = input.StartedAt }, ct);

        var t = trading.Value;
        var models = t.Voters.Any(v => panel.Get(v) is IModelVoter);
        var (vote, count) = await builder.BuildAsync(Market.Parse(signal.MarketKey), signal.CandleTime, signal.Action, signal.Reason, t.VoterWindowBars, input.DecisionId,
            withRecent: models, ct);
        var plan = await planner.PlanAsync(t.Voters, TimeSpan.FromSeconds(t.VoterTimeoutSeconds), ct);
        var prompt = models ? VotePrompt.User(vote) : null;
        return new MarketContext(vote, [.. t.Voters], plan.Consensus, t.ActivityMaxAttempts, count, t.VoterTimeoutSeconds, t.ApprovalNotional, t.ApprovalTimeoutSeconds,
            plan.Skipped, prompt, plan.Selection.Count > 0 ? plan.Selection : null,
            new OrderTracking(t.OrderPollSeconds, t.OrderPollMaxSeconds, signal.Manual?.TimeToLiveSeconds ?? t.OrderTimeToLiveSeconds));
    }
}
