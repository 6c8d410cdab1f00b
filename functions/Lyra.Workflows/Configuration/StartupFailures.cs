using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Configuration;

/// <summary>
/// The setting failures in what a host's start-up validation threw: one <see cref="OptionsValidationException"/> when one
/// options class is wrong, an <see cref="AggregateException"/> of them when several are.
/// </summary>
public static class StartupFailures
{
    /// <summary>Every failure message (each names its setting), or an empty list when <paramref name="e"/> is something else.</summary>
    public static IReadOnlyList<string> Of(Exception e) => e switch
    {
        OptionsValidationException o => [.. o.Failures],
        AggregateException a when a.InnerExceptions.Count > 0 && a.InnerExceptions.All(x => x is OptionsValidationException) =>
            [.. a.InnerExceptions.SelectMany(x => ((OptionsValidationException)x).Failures)],
        _ => [],
    };
}
