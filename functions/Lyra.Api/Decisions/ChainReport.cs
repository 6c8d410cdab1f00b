namespace Lyra.Api.Decisions;

/// <summary>What <c>GET /api/decisions/verify</c> found.</summary>
/// <param name="Intact">True when every link and every final journal matches.</param>
/// <param name="Entries">Links checked.</param>
/// <param name="FirstBroken">Sequence number of the first bad link.</param>
/// <param name="DecisionId">The decision at that link.</param>
/// <param name="Reason">What does not match.</param>
public sealed record ChainReport(bool Intact, int Entries, long? FirstBroken, string? DecisionId, string? Reason);
