using System.Text.Json;
using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Journals;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// Everything about one trade decision: the signal, every vote, the consensus math, every risk check, the order and
/// the resulting position. Written by the flow and shown by <c>GET /api/decisions/{id}</c>. Kept in the <c>decisions</c>
/// journal: listed per market, counted per status, hash-chained once final.
/// </summary>
public sealed record DecisionJournal : IJournalEntry
{
    /// <summary>Schema version of the stored journal (1: the first versioned one; unversioned journals read as the same).</summary>
    public const int CurrentSchemaVersion = 1;

    static string IJournalEntry.JournalName => "decisions";
    static int IJournalEntry.SchemaVersion => CurrentSchemaVersion;
    string IJournalEntry.EntryId => Id;
    string IJournalEntry.Stream => Signal.MarketKey;
    DateTimeOffset IJournalEntry.SortTime => Signal.CandleTime;
    string IJournalEntry.State => StateName(Status);
    bool IJournalEntry.IsFinal => Status is DecisionStatus.Executed or DecisionStatus.Rejected or DecisionStatus.Failed;

    /// <summary>The journal's state name of <paramref name="status"/> (as in the API: <c>awaiting_approval</c>).</summary>
    public static string StateName(DecisionStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    /// <summary>Decision id (= TradeFlow instance id = signal id).</summary>
    public required string Id { get; init; }
    /// <summary>The signal that started the flow.</summary>
    public required TradeFlowInput Signal { get; init; }
    /// <summary>Current status.</summary>
    public DecisionStatus Status { get; init; }
    /// <summary>Machine-readable reasons of a rejection or failure (<c>consensus_hold</c>, <c>kill_switch</c>, ...).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>When the flow started (orchestration time).</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>When the flow ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>The market context the LLM voters were given (each LLM vote carries the hash of its full prompt).</summary>
    public string? Prompt { get; init; }
    /// <summary>How the paid models on the panel were judged (cost, latency, accuracy) and why any was left out.</summary>
    public IReadOnlyList<ModelChoice>? ModelSelection { get; init; }
    /// <summary>All votes.</summary>
    public IReadOnlyList<Vote> Votes { get; init; } = [];
    /// <summary>What the votes of this decision cost in total.</summary>
    public decimal AiCostUsd { get; init; }
    /// <summary>The consensus and its arithmetic.</summary>
    public ConsensusResult? Consensus { get; init; }
    /// <summary>The risk gate's decision with every check.</summary>
    public RiskDecision? Risk { get; init; }
    /// <summary>The order, when one was placed.</summary>
    public OrderResult? Order { get; init; }
    /// <summary>The person's answer, when approval was required.</summary>
    public ApprovalDecision? Approval { get; init; }
    /// <summary>The position after the fill.</summary>
    public PositionState? Position { get; init; }
    /// <summary>Steps in order.</summary>
    public IReadOnlyList<JournalStep> Steps { get; init; } = [];
}
