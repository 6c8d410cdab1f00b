namespace Lyra.Cli.Tests;

/// <summary>A temporary folder for one test's files, deleted with the test class.</summary>
internal sealed class TestFolder(string prefix) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory(prefix);

    /// <summary>The path of <paramref name="name"/> inside the folder.</summary>
    public string this[string name] => Path.Combine(_dir.FullName, name);

    public void Dispose() => _dir.Delete(recursive: true);
}
