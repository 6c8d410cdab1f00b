using System.CommandLine;
using System.Globalization;
using Lyra.Api.Testing;
using Lyra.Cli.Hosting;
using Lyra.Core.Errors;
using Lyra.Security.Access;
using Lyra.Security.Vault;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Cli.Commands;

/// <summary>
/// <c>lyra doctor</c>: the preflight of <c>GET /api/testing/validate</c> from the command line, on the settings, vault and
/// data folder <c>lyra run</c> would use. Starts the host without serving or collecting, runs every check, prints them.
/// </summary>
public static class DoctorCommand
{
    /// <summary>Exit code when a check failed.</summary>
    public const int Failed = 1;

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = $"The data folder lyra run uses (default {DataDirectory.Default})." };
        var vault = new Option<string?>("--vault") { Description = "The vault lyra run reads (default as lyra run)." };
        var command = new Command("doctor", "Check this deployment before it trades: settings, storage, durable engine, each enabled venue (reachable, clock skew, key permissions), AI voters and budget, risk limits, data freshness. Exit code 1 when a check fails.")
        {
            dataDir, vault,
        };
        command.SetAction((p, ct) => CliInput.GuardAsync(error, () => RunAsync(p.GetValue(dataDir), p.GetValue(vault), output, error, ct)));
        return command;
    }

    private static async Task<int> RunAsync(string? dataDir, string? vaultPath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var path = VaultCommand.Resolve(vaultPath);
        LocalFileVault? secrets = null;
        if (File.Exists(path)) secrets = VaultCommand.Open(path, output, creating: false);
        else if (vaultPath is not null) throw new ValidationException("--vault", $"there is no vault at {path}");

        await using var storage = await LocalStorage.OpenAsync(LocalStorage.ConfiguredConnection is null ? dataDir ?? DataDirectory.Default : null, ct);
        var app = LocalHost.Build(new LocalHostSettings
        {
            StorageConnectionString = storage.ConnectionString,
            Access = ApiKeyAccessControl.NoAuth, // nothing is served to anyone: Kestrel is bound to a free loopback port for the run only
            Port = 0,
            Vault = secrets,
            ScheduleCollector = false,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Critical,
        });
        try
        {
            await app.StartAsync(ct);
            var report = await app.Services.GetRequiredService<Preflight>().RunAsync(app.Services.GetRequiredService<ITradeFlowClient>(), ct);
            Print(report, output);
            return report.Passed ? ExitCodes.Ok : Failed;
        }
        catch (Exception e) when (StartupFailures.Of(e) is { Count: > 0 } failures)
        {
            error.WriteLine("lyra: configuration error:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", failures));
            return ExitCodes.InputError;
        }
        finally
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(6));
            await app.StopAsync(deadline.Token);
            await app.DisposeAsync();
        }
    }

    /// <summary>One line per check, then the verdict.</summary>
    public static void Print(PreflightReport report, TextWriter output)
    {
        var width = report.Checks.Max(c => c.Area.Length + c.Name.Length + 1);
        foreach (var c in report.Checks)
        {
            output.WriteLine($"{c.Status.ToUpperInvariant(),-4}  {(c.Area + " " + c.Name).PadRight(width)}  {c.Detail}");
        }

        var failed = report.Checks.Count(c => c.Status == PreflightCheck.Fail);
        var warned = report.Checks.Count(c => c.Status == PreflightCheck.Warn);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lyra doctor: {(failed == 0 ? "passed" : "FAILED")}: {report.Checks.Count} checks, {failed} failed, {warned} warning(s) in {report.TookMs:0} ms"));
    }
}
