using Xunit;

namespace Lyra.Testing;

/// <summary>A fact that needs a file from <c>../shared/data</c>; skipped with the standard reason where it is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>The reason used when the shared data is not there.</summary>
    public const string MissingReason = "shared sample data not present";

    /// <summary>Creates the attribute for the given shared files.</summary>
    public SharedDataFactAttribute(params string[] files)
    {
        Files = files;
        if (files.Any(f => !File.Exists(RepoPaths.Shared(f)))) Skip = MissingReason;
    }

    /// <summary>Files needed.</summary>
    public IReadOnlyList<string> Files { get; }
}

/// <summary>A theory that needs files from <c>../shared/data</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute; skipped when the shared data folder is missing.</summary>
    public SharedDataTheoryAttribute()
    {
        if (!Directory.Exists(RepoPaths.SharedData)) Skip = SharedDataFactAttribute.MissingReason;
    }
}
