using Lyra.Ai.Voting;
using Lyra.Api.Strategies;
using Lyra.Cli.Hosting;
using Lyra.Core.Errors;
using Lyra.Core.Journals;
using Lyra.Data.Candles;
using Lyra.Storage.Backup;
using Lyra.Storage.Emulator;
using Lyra.Storage.Journals;
using Lyra.Storage.Tables;
using Lyra.Workflows.Orchestration;

namespace Lyra.Cli.Commands;

/// <summary>
/// The votes recorded in decision journals, for <c>lyra backtest --strategy ai-signals --replay-votes</c>: read from a
/// backup folder (restored into a throw-away in-memory Azurite, never into the configured storage), from a lyra data
/// directory, or from <c>storage</c> (the configured account, else the default data directory).
/// </summary>
internal static class RecordedVotes
{
    /// <summary>What was found: votes by candle open time (epoch ms), for which market, from where.</summary>
    public sealed record Found(IReadOnlyDictionary<long, IReadOnlyList<Vote>> Votes, string Market, string Source);

    /// <summary>Loads the votes of <paramref name="market"/> (or of the only market with decisions in the period) within <paramref name="series"/>.</summary>
    public static async Task<Found> LoadAsync(string source, string? market, CandleSeries series, CancellationToken ct)
    {
        if (source == "storage") return await FromStorageAsync(null, market, series, ct);
        if (!Directory.Exists(source)) throw new ValidationException("--replay-votes", $"'{source}' is neither a folder (a backup or a data directory) nor 'storage'");
        if (!File.Exists(Path.Combine(source, "manifest.json"))) return await FromStorageAsync(source, market, series, ct);

        await using var azurite = await AzuriteProcess.StartAsync(null, ct);
        var tables = TableProvider.Connect(azurite.ConnectionString, TablePrefix);
        try
        {
            await new TableBackup(tables, TimeProvider.System).RestoreAsync(source, ct);
        }
        catch (InvalidOperationException e)
        {
            throw new ValidationException("--replay-votes", e.Message);
        }

        return await ReadAsync(tables, market, series, $"backup {Path.GetFullPath(source)}", ct);
    }

    private static async Task<Found> FromStorageAsync(string? dataDir, string? market, CandleSeries series, CancellationToken ct)
    {
        await using var storage = await LocalStorage.OpenAsync(dataDir ?? DataDirectory.Default, ct);
        return await ReadAsync(TableProvider.Connect(storage.ConnectionString, TablePrefix), market, series, storage.Description, ct);
    }

    private static string TablePrefix => Environment.GetEnvironmentVariable("Lyra__Storage__TablePrefix") is { Length: > 0 } p ? p : "lyra";

    private static async Task<Found> ReadAsync(TableProvider tables, string? market, CandleSeries series, string source, CancellationToken ct)
    {
        var journals = new JournalTableStore<DecisionJournal>(tables);
        if (market is null)
        {
            var inPeriod = await journals.ListAsync(new JournalQuery(Limit: int.MaxValue, From: DateTimeOffset.FromUnixTimeMilliseconds(series.Time[0]),
                To: DateTimeOffset.FromUnixTimeMilliseconds(series.Time[^1])), ct);
            var markets = inPeriod.Where(d => d.Votes.Count > 0).Select(d => d.Signal.MarketKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            market = markets.Count switch
            {
                1 => markets[0],
                0 => throw new ValidationException("--replay-votes", $"{source} has no decisions with votes between the data's first and last candle"),
                _ => throw new ValidationException("--market", $"{source} has votes for {string.Join(", ", markets)} in the data's period: choose one with --market"),
            };
        }

        var votes = await StrategyBacktests.RecordedVotesAsync(market, series, journals, ct);
        return new Found(votes, market, source);
    }
}
