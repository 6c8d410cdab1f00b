using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Lyra.Infra.Tests;

/// <summary>The bicep compiler from the Azure.Bicep.CommandLine.linux-x64 package, run on <c>infra/</c>.</summary>
internal static class Bicep
{
    private static readonly Lazy<Task<JsonObject>> Compiled = new(() => BuildAsync("main.bicep"));

    /// <summary>The repository's <c>infra/</c> folder.</summary>
    public static string InfraDirectory { get; } = Path.GetFullPath(Path.Combine(Metadata("RepositoryRoot"), "infra"));

    /// <summary><c>main.bicep</c> compiled to ARM JSON (once per test run).</summary>
    public static Task<JsonObject> MainAsync() => Compiled.Value;

    /// <summary>Runs bicep with <paramref name="args"/> in <c>infra/</c>; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var path = Metadata("BicepPath").Replace('\\', '/');
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute); // NuGet does not keep the bit everywhere
        }

        var start = new ProcessStartInfo(path) { WorkingDirectory = InfraDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task<JsonObject> BuildAsync(string file)
    {
        var (code, stdout, stderr) = await RunAsync("build", file, "--stdout");
        if (code != 0) throw new InvalidOperationException($"bicep build {file} failed ({code}): {stderr}");
        return JsonNode.Parse(stdout)!.AsObject();
    }

    private static string Metadata(string key) =>
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no {key} in the test assembly's metadata");
}
