using System.Text.Json;

namespace Lyra.Api.Config;

/// <summary>One effective setting.</summary>
/// <param name="Key">The setting key (<c>Lyra:Risk:MaxPositionPercent</c>).</param>
/// <param name="Value">Its value, masked when it is a secret.</param>
/// <param name="Source">Where it comes from: <c>environment</c>, <c>file …</c>, <c>vault</c>, <c>host</c>, <c>runtime</c>, <c>default</c>.</param>
/// <param name="Masked">Whether the value is masked.</param>
public sealed record SettingRow(string Key, string Value, string Source, bool Masked);

/// <summary>The answer of <c>GET /api/config/settings</c>.</summary>
/// <param name="Settings">Every effective setting of Lyra, by key.</param>
/// <param name="RuntimeUpdatedAt">When a run-time setting last changed.</param>
/// <param name="RuntimeUpdatedBy">Who changed it.</param>
/// <param name="Changeable">The keys that may change at run time.</param>
public sealed record SettingsReport(IReadOnlyList<SettingRow> Settings, DateTimeOffset? RuntimeUpdatedAt, string? RuntimeUpdatedBy, IReadOnlyList<string> Changeable);

/// <summary>One section's validation.</summary>
/// <param name="Section">The section.</param>
/// <param name="Valid">Whether it passes.</param>
/// <param name="Failures">What fails, each naming its setting.</param>
public sealed record SectionCheck(string Section, bool Valid, IReadOnlyList<string> Failures);

/// <summary>The answer of <c>GET /api/config/validate</c>.</summary>
/// <param name="Valid">Whether every section passes.</param>
/// <param name="Sections">Each section.</param>
public sealed record ValidationReport(bool Valid, IReadOnlyList<SectionCheck> Sections);

/// <summary>The body of <c>POST /api/config/update</c>.</summary>
/// <param name="Settings">Keys and new values (a null removes the run-time value: the configured one returns).</param>
/// <param name="Reason">Why, for the audit.</param>
public sealed record ConfigUpdateRequest(Dictionary<string, JsonElement>? Settings, string? Reason);

/// <summary>One changed setting.</summary>
/// <param name="Key">The key.</param>
/// <param name="Before">Its value before (null: the default).</param>
/// <param name="After">Its value now (null: the default).</param>
public sealed record SettingChange(string Key, string? Before, string? After);

/// <summary>The answer of <c>POST /api/config/update</c>.</summary>
/// <param name="Changed">What changed.</param>
/// <param name="RuntimeSettings">Every run-time value now in force.</param>
/// <param name="AppliesFrom">When the change takes effect.</param>
public sealed record ConfigUpdateResult(IReadOnlyList<SettingChange> Changed, IReadOnlyDictionary<string, string> RuntimeSettings, string AppliesFrom);
