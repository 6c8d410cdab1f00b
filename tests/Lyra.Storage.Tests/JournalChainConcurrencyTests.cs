using Azure.Data.Tables;
using Lyra.Core.Journals;
using Lyra.Storage.Journals;
using Lyra.Storage.Tables;
using Lyra.Testing;

namespace Lyra.Storage.Tests;

/// <summary>The journal chain verified while flows keep finishing: entries appended meanwhile are not a broken chain.</summary>
public sealed class JournalChainConcurrencyTests
{
    /// <summary>A minimal journal entry, so the store is tested on its own.</summary>
    public sealed record Note(string Id, string Market, DateTimeOffset At, bool Done) : IJournalEntry
    {
        static string IJournalEntry.JournalName => "notes";
        static int IJournalEntry.SchemaVersion => 1;
        string IJournalEntry.EntryId => Id;
        string IJournalEntry.Stream => Market;
        DateTimeOffset IJournalEntry.SortTime => At;
        string IJournalEntry.State => Done ? "done" : "open";
        bool IJournalEntry.IsFinal => Done;
    }

    [Fact]
    public async Task Verifying_while_entries_are_chained_reports_intact_every_time()
    {
        var tables = new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName());
        var store = new JournalTableStore<Note>(tables);
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await store.SaveAsync(new Note("n-000", "m", t0, true));

        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= 40; i++) await store.SaveAsync(new Note($"n-{i:000}", i % 2 == 0 ? "m" : "n", t0.AddMinutes(i), true));
        });

        var verifications = new List<ChainVerification>();
        while (!writer.IsCompleted) verifications.Add(await store.VerifyAsync());
        await writer;

        Assert.True(verifications.Count > 1, "the writer finished before a verification could overlap it");
        Assert.All(verifications, v => Assert.True(v.Intact, $"entry {v.FirstBroken}: {v.Reason}"));
        var final = await store.VerifyAsync();
        Assert.Equal((true, 41), (final.Intact, final.Entries));
    }
}
