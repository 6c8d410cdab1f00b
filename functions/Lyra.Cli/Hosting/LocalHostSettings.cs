using Lyra.Cli.Replay;
using Lyra.Data.Sources;

namespace Lyra.Cli.Hosting;

/// <summary>How to build the local host.</summary>
public sealed record LocalHostSettings
{
    /// <summary>Storage connection string (Azurite or a real account).</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>
    /// Who may call the API: <see cref="Lyra.Security.Access.ApiKeyAccessControl"/> with the key's hash, or its
    /// <see cref="Lyra.Security.Access.ApiKeyAccessControl.NoAuth"/> when the user chose <c>--no-auth</c>.
    /// </summary>
    public required Lyra.Security.Access.IAccessControl Access { get; init; }

    /// <summary>HTTP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 7071;

    /// <summary>Durable task hub name (letters and digits).</summary>
    public string TaskHub { get; init; } = "LyraHub";

    /// <summary>Settings that override files and environment (highest precedence).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>The local vault, read as settings after the environment (a secret wins over a plain setting); null = none.</summary>
    public Lyra.Security.Vault.LocalFileVault? Vault { get; init; }

    /// <summary>Replay clock; null = real time.</summary>
    public ReplayClock? Clock { get; init; }

    /// <summary>Replay source; null = the configured source.</summary>
    public IMarketDataSource? Source { get; init; }

    /// <summary>Whether the collector runs on its schedule (off during a replay, whose driver calls it).</summary>
    public bool ScheduleCollector { get; init; } = true;

    /// <summary>Extra service registrations, applied before Lyra's own (so they win where Lyra uses TryAdd).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Minimum console log level.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Where log lines go instead of the console logger (a live progress bar's console, which prints them above the bar); null: the simple console logger.</summary>
    public Action<string>? LogLine { get; init; }
}
