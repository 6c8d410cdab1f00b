namespace Lyra.Api.Testing;

/// <summary>One check of the preflight.</summary>
/// <param name="Area">What is checked: <c>configuration</c>, <c>storage</c>, <c>durable</c>, <c>exchange</c>, <c>ai</c>, <c>risk</c>, <c>market_data</c>.</param>
/// <param name="Name">Which one (a section, a venue, a limit).</param>
/// <param name="Status"><see cref="Pass"/>, <see cref="Warn"/> or <see cref="Fail"/>.</param>
/// <param name="Detail">What was found, and why it fails.</param>
public sealed record PreflightCheck(string Area, string Name, string Status, string Detail)
{
    /// <summary>Fine.</summary>
    public const string Pass = "pass";

    /// <summary>Works, but look at it.</summary>
    public const string Warn = "warn";

    /// <summary>Lyra should not trade like this.</summary>
    public const string Fail = "fail";
}

/// <summary>The preflight: every check, and whether none failed.</summary>
/// <param name="Passed">No check failed (warnings allowed).</param>
/// <param name="Checks">Every check, in the order run.</param>
/// <param name="TookMs">How long the whole preflight took.</param>
public sealed record PreflightReport(bool Passed, IReadOnlyList<PreflightCheck> Checks, double TookMs);
