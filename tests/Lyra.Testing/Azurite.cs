using Lyra.Storage.Emulator;

namespace Lyra.Testing;

/// <summary>
/// One Azurite (in memory, free loopback ports) per test process, started on first use and killed at exit.
/// Tests isolate themselves with unique table prefixes and task hub names (<see cref="UniqueName"/>).
/// </summary>
public static class Azurite
{
    private static readonly Lazy<Task<AzuriteProcess>> Instance = new(StartAsync);

    /// <summary>The connection string of the shared instance.</summary>
    public static async Task<string> GetConnectionStringAsync() => (await Instance.Value).ConnectionString;

    /// <summary>A name unique to this test: letters and digits, starting with a letter.</summary>
    public static string UniqueName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..10];

    private static async Task<AzuriteProcess> StartAsync()
    {
        if (AzuriteProcess.FindAzurite(RepoPaths.Root) is null)
        {
            throw new InvalidOperationException(AzuriteProcess.MissingMessage(RepoPaths.Root));
        }

        var cwd = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepoPaths.Root);
        try
        {
            var process = await AzuriteProcess.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => process.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return process;
        }
        finally
        {
            Directory.SetCurrentDirectory(cwd);
        }
    }
}
