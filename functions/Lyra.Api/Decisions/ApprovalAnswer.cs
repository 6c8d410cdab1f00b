namespace Lyra.Api.Decisions;

/// <summary>The answer sent to a decision waiting for approval.</summary>
/// <param name="Id">Decision id.</param>
/// <param name="Approved">Approve or reject.</param>
/// <param name="By">Who answered.</param>
/// <param name="Reason">Why.</param>
public sealed record ApprovalAnswer(string Id, bool Approved, string? By, string? Reason);
