namespace Lyra.Core.Journals;

/// <summary>Result of walking a journal's hash chain.</summary>
/// <param name="Intact">True when every link and every entry matches.</param>
/// <param name="Entries">Entries checked.</param>
/// <param name="FirstBroken">Sequence number of the first bad link.</param>
/// <param name="EntryId">The entry at that link.</param>
/// <param name="Reason">What does not match.</param>
public sealed record ChainVerification(bool Intact, int Entries, long? FirstBroken, string? EntryId, string? Reason);
