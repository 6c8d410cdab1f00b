namespace Lyra.Testing;

/// <summary>Where the repository and the shared sample data are.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Lyra.Functions.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared sample-data folder beside the repository (CI's and developers', not users').</summary>
    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>Full path of a shared data file.</summary>
    public static string Shared(string file) => Path.Combine(SharedData, file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lyra.Functions.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find the repository root (Lyra.Functions.sln) above " + AppContext.BaseDirectory);
    }
}
