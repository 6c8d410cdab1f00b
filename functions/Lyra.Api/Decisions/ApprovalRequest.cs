namespace Lyra.Api.Decisions;

/// <summary>Optional body of <c>POST /api/decisions/{id}/approve|reject</c>.</summary>
/// <param name="By">Who answers (kept in the journal).</param>
/// <param name="Reason">Why.</param>
public sealed record ApprovalRequest(string? By, string? Reason);
