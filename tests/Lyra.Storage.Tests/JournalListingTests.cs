using Azure.Data.Tables;
using Lyra.Core.Journals;
using Lyra.Storage.Journals;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Note = Lyra.Storage.Tests.JournalChainConcurrencyTests.Note;

namespace Lyra.Storage.Tests;

/// <summary>Listing a journal across streams: newest first over every stream, paged with a time cursor, filtered by state.</summary>
public sealed class JournalListingTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_stream_is_merged_newest_first_paged_by_time_and_filtered_by_state()
    {
        var tables = new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName());
        var store = new JournalTableStore<Note>(tables);
        var all = new List<Note>();
        for (var i = 0; i < 90; i++)
        {
            // Three streams of different density; every tenth entry is still open.
            var n = new Note($"n-{i:000}", (i % 3) switch { 0 => "a", 1 => "b", _ => i % 2 == 0 ? "c" : "a" }, T0.AddMinutes(i), i % 10 != 0);
            all.Add(n);
            await store.SaveAsync(n);
        }

        var newest = all.OrderByDescending(n => n.At).ToList();
        Assert.Equal(newest.Take(25).Select(n => n.Id), (await store.ListAsync(new JournalQuery(Limit: 25))).Select(n => n.Id));

        // The next page: entries older than the last one shown.
        var page2 = await store.ListAsync(new JournalQuery(Limit: 25, To: newest[24].At.AddTicks(-1)));
        Assert.Equal(newest.Skip(25).Take(25).Select(n => n.Id), page2.Select(n => n.Id));

        var open = await store.ListAsync(new JournalQuery(State: "open", Limit: 100));
        Assert.Equal(newest.Where(n => !n.Done).Select(n => n.Id), open.Select(n => n.Id));
        Assert.Equal(newest.Where(n => n.Market == "b").Take(5).Select(n => n.Id), (await store.ListAsync(new JournalQuery("b", Limit: 5))).Select(n => n.Id));
        Assert.Empty(await store.ListAsync(new JournalQuery(State: "nothing-here", Limit: 10)));
    }
}
