using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// The journal of one decision as an orchestrator builds it: every step is recorded with its orchestration time and
/// logged through the replay-safe logger (so a flow's steps appear in the log once, not on every replay).
/// </summary>
internal sealed partial class FlowJournal
{
    private readonly TaskOrchestrationContext _context;
    private readonly string _category;
    private readonly List<JournalStep> _steps = [];

    public FlowJournal(TaskOrchestrationContext context, string id, TradeFlowInput signal, string loggerCategory)
    {
        _context = context;
        _category = loggerCategory;
        Journal = new DecisionJournal { Id = id, Signal = signal, Status = DecisionStatus.Running, StartedAt = context.CurrentUtcDateTime };
    }

    /// <summary>The journal so far (without the steps).</summary>
    public DecisionJournal Journal { get; private set; }

    /// <summary>The journal with the steps so far.</summary>
    public DecisionJournal Current => Journal with { Steps = [.. _steps] };

    /// <summary>Updates the journal.</summary>
    public void Update(Func<DecisionJournal, DecisionJournal> change) => Journal = change(Journal);

    /// <summary>Takes up the steps an earlier execution recorded (an eternal orchestration continuing as new).</summary>
    public void Restore(IEnumerable<JournalStep> steps) => _steps.AddRange(steps);

    /// <summary>Records and logs a step.</summary>
    public void Step(string step, string detail)
    {
        _steps.Add(new JournalStep(step, _context.CurrentUtcDateTime, detail));
        var log = _context.CreateReplaySafeLogger(_category);
        LogStep(log, _context.InstanceId, step, detail);
    }

    /// <summary>Ends the flow: the final journal (status, reasons, last step) is written and the result returned.</summary>
    public async Task<TradeFlowResult> FinishAsync(DecisionStatus status, IReadOnlyList<string> reasons, TaskOptions retry, string? step = null, string? detail = null)
    {
        if (step is not null) Step(step, detail ?? "");
        Journal = Journal with { Status = status, Reasons = reasons, CompletedAt = _context.CurrentUtcDateTime, Steps = [.. _steps] };
        await _context.RecordDecisionAsync(Journal, retry);
        var log = _context.CreateReplaySafeLogger(_category);
        LogFinished(log, _context.InstanceId, status, reasons);
        return new TradeFlowResult(_context.InstanceId, status, reasons, Journal.Order?.ClientOrderId);
    }

    /// <summary>Formats a value for a step's detail the same on every machine.</summary>
    public static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "{InstanceId} {Step}: {Detail}")]
    private static partial void LogStep(ILogger logger, string instanceId, string step, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "{InstanceId} finished {Status} {Reasons}")]
    private static partial void LogFinished(ILogger logger, string instanceId, DecisionStatus status, IReadOnlyList<string> reasons);
}
