using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of TradeFlow: the signal that started it.</summary>
/// <param name="SignalId">Signal id (also the instance id).</param>
/// <param name="Strategy">Strategy name.</param>
/// <param name="MarketKey">Market key.</param>
/// <param name="CandleTime">Open time of the candle the signal was made on.</param>
/// <param name="Action">Proposed action.</param>
/// <param name="Price">Close of that candle.</param>
/// <param name="Reason">The strategy's reason.</param>
public sealed record TradeFlowInput(string SignalId, string Strategy, string MarketKey, DateTimeOffset CandleTime, TradeAction Action, decimal Price, string Reason)
{
    /// <summary>Builds the input from a signal.</summary>
    public static TradeFlowInput From(Signal s) => new(s.Id, s.Strategy, s.MarketKey, s.CandleTime, s.Action, s.Price, s.Reason);
}

/// <summary>Input of GatherContext.</summary>
/// <param name="DecisionId">Instance id.</param>
/// <param name="Signal">The signal.</param>
/// <param name="StartedAt">Orchestration start time (for the journal).</param>
public sealed record GatherContextInput(string DecisionId, TradeFlowInput Signal, DateTimeOffset StartedAt);

/// <summary>What the flow decides on, captured once so replays see the same values.</summary>
/// <param name="Vote">What the voters see.</param>
/// <param name="Voters">Panel members to ask.</param>
/// <param name="Consensus">Consensus settings at decision time.</param>
/// <param name="ActivityMaxAttempts">Attempts per activity.</param>
/// <param name="Candles">Number of candles in the context.</param>
/// <param name="VoterTimeoutSeconds">Per-voter deadline.</param>
/// <param name="ApprovalNotional">Notional from which a person must approve (null = never).</param>
/// <param name="ApprovalTimeoutSeconds">How long to wait for that approval, in seconds.</param>
/// <param name="Skipped">Panel members not asked (budget used up, left out by model selection), as abstentions with the reason.</param>
/// <param name="Prompt">The market context as the LLM voters read it (empty when none is on the panel).</param>
/// <param name="Selection">How the paid models on the panel were judged for this vote.</param>
public sealed record MarketContext(VoteContext Vote, IReadOnlyList<string> Voters, ConsensusOptions Consensus, int ActivityMaxAttempts, int Candles,
    int VoterTimeoutSeconds = 30, decimal? ApprovalNotional = null, int ApprovalTimeoutSeconds = 900,
    IReadOnlyList<Vote>? Skipped = null, string? Prompt = null, IReadOnlyList<ModelChoice>? Selection = null);

/// <summary>A person's answer to an approval request (the <c>approval</c> external event).</summary>
/// <param name="Approved">Approve or reject.</param>
/// <param name="By">Who answered.</param>
/// <param name="Reason">Why.</param>
public sealed record ApprovalDecision(bool Approved, string? By, string? Reason);

/// <summary>Input of AskVoter.</summary>
/// <param name="Voter">Voter name.</param>
/// <param name="Context">What it sees.</param>
public sealed record VoterRequest(string Voter, VoteContext Context);

/// <summary>Input of EvaluateRisk.</summary>
/// <param name="DecisionId">Instance id.</param>
/// <param name="MarketKey">Market key.</param>
/// <param name="Action">The consensus action.</param>
/// <param name="SignalPrice">Price of the signal candle (used when no newer price is known).</param>
public sealed record RiskInput(string DecisionId, string MarketKey, TradeAction Action, decimal SignalPrice);

/// <summary>Input of PlaceOrder.</summary>
/// <param name="DecisionId">Instance id.</param>
/// <param name="DecisionTime">Candle time of the decision (orders sort by it).</param>
/// <param name="Order">The order.</param>
public sealed record PlaceOrderInput(string DecisionId, DateTimeOffset DecisionTime, OrderRequest Order);

/// <summary>Input of RecordFill.</summary>
/// <param name="DecisionId">The decision that placed the order (it opens or closes the trade).</param>
/// <param name="Order">The filled order.</param>
/// <param name="DecisionTime">Open time of the candle the decision was made on.</param>
/// <param name="Stops">The stop plan of an entry (attached at the fill price).</param>
public sealed record RecordFillInput(string DecisionId, OrderResult Order, DateTimeOffset DecisionTime, Risk.Stops.StopPlan? Stops = null);

/// <summary>Input of the PositionMonitor orchestration (one instance per open position).</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="EntryDecisionId">The decision that opened the position.</param>
/// <param name="HeartbeatSeconds">Longest wait between checks without a price tick.</param>
public sealed record MonitorInput(string MarketKey, string EntryDecisionId, int HeartbeatSeconds);

/// <summary>The <c>price</c> event a monitor receives when a candle of its market closed.</summary>
/// <param name="CandleTime">Open time of the newest closed candle.</param>
public sealed record PriceTick(DateTimeOffset CandleTime);

/// <summary>What CheckStops found.</summary>
/// <param name="Status"><c>hold</c> (stops updated), <c>exit</c> (close now), <c>closed</c> (the position is gone: stop monitoring).</param>
/// <param name="Rule">The rule that fired on exit.</param>
/// <param name="Quantity">Quantity to sell on exit.</param>
/// <param name="Price">Close of the candle that fired.</param>
/// <param name="CandleTime">Open time of that candle (exit), or of the newest checked one.</param>
/// <param name="Detail">What happened.</param>
/// <param name="Levels">The stop levels after the check.</param>
public sealed record StopCheckResult(string Status, string? Rule, decimal Quantity, decimal Price, DateTimeOffset? CandleTime, string Detail, Risk.Stops.StopLevels? Levels);

/// <summary>How a position monitor ended.</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="EntryDecisionId">The position's entry decision.</param>
/// <param name="Outcome"><c>exit</c> (it closed the position) or <c>closed</c> (the position was closed otherwise).</param>
/// <param name="Detail">What happened.</param>
/// <param name="ExitDecisionId">The exit's decision id, when it closed the position.</param>
public sealed record MonitorResult(string MarketKey, string EntryDecisionId, string Outcome, string Detail, string? ExitDecisionId);

/// <summary>Output of TradeFlow.</summary>
/// <param name="DecisionId">Instance id.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Reasons">Reasons when not executed.</param>
/// <param name="ClientOrderId">The order's client id when one was placed.</param>
public sealed record TradeFlowResult(string DecisionId, DecisionStatus Status, IReadOnlyList<string> Reasons, string? ClientOrderId);
