namespace Lyra.Core.Journals;

/// <summary>Which entries to list, newest first.</summary>
/// <param name="Stream">Only this stream (market); all streams when null.</param>
/// <param name="State">Only entries in this state.</param>
/// <param name="Limit">Most entries returned.</param>
/// <param name="From">Only entries sorted at or after this time.</param>
/// <param name="To">Only entries sorted at or before this time.</param>
public sealed record JournalQuery(string? Stream = null, string? State = null, int Limit = 100, DateTimeOffset? From = null, DateTimeOffset? To = null);
