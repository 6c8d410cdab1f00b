namespace Lyra.Security.Audit;

/// <summary>The streams of the audit journal.</summary>
public static class AuditKinds
{
    /// <summary>The journal (table) name.</summary>
    public const string JournalName = "audit";

    /// <summary>Control actions through the API.</summary>
    public const string Control = "control";

    /// <summary>Secrets read from a vault.</summary>
    public const string Secret = "secret";

    /// <summary>Settings changed at run time.</summary>
    public const string Config = "config";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Control, Secret, Config];
}
