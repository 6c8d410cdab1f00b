using Lyra.Workflows.Orchestration;

namespace Lyra.Workflows.Application;

/// <summary>
/// In-process notice that a decision's journal was recorded (by the RecordDecision activity, after it is stored), for
/// whoever in the same process waits for flows: the local host's replay, and live views of the decisions. Handlers run
/// on the activity's thread and must return quickly.
/// </summary>
public sealed class DecisionEvents
{
    /// <summary>Raised after a journal was stored.</summary>
    public event Action<DecisionJournal>? Recorded;

    /// <summary>Raises <see cref="Recorded"/>.</summary>
    public void Publish(DecisionJournal journal) => Recorded?.Invoke(journal);
}
