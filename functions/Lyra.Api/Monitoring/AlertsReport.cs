using Lyra.Monitoring.Alerts;

namespace Lyra.Api.Monitoring;

/// <summary>The answer of <c>GET /api/monitoring/alerts</c>.</summary>
/// <param name="Alerts">The newest alerts matching the filters, newest first.</param>
/// <param name="OpenCritical">Open (unacknowledged) critical alerts among the newest 1,000.</param>
/// <param name="OpenWarning">Open warnings among the newest 1,000.</param>
/// <param name="Kinds">Every alert kind Lyra raises.</param>
/// <param name="DedupWindowMinutes">How long a repeat of an open alert is counted on it instead of raised again.</param>
public sealed record AlertsReport(IReadOnlyList<Alert> Alerts, int OpenCritical, int OpenWarning, IReadOnlyList<string> Kinds, int DedupWindowMinutes);

/// <summary>The optional body of <c>POST /api/monitoring/alerts/{id}/ack</c>.</summary>
/// <param name="By">Who acknowledges (default: the caller).</param>
public sealed record AcknowledgeRequest(string? By);
