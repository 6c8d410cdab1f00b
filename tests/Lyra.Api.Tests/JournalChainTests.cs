using Azure;
using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Lyra.Testing.Voters;
using Lyra.Core.Journals;
using Lyra.Testing;
using Lyra.Api.Routing;

namespace Lyra.Api.Tests;

/// <summary>The hash-chained decision journal: intact after real flows, and every kind of tampering detected.</summary>
public sealed class JournalChainTests
{
    private static async Task<(FlowHarness H, List<TradeFlowResult> Results)> ThreeFlowsAsync()
    {
        var h = await ApiHarness.StartAsync(s => { s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2" });
        var candles = await h.SeedAsync(Enumerable.Range(0, 80).Select(i => 100m + i).ToList());
        var results = new List<TradeFlowResult>
        {
            await h.RunAsync(FlowHarness.Input(candles[^3], TradeAction.Buy)),
            await h.RunAsync(FlowHarness.Input(candles[^2], TradeAction.Sell)),
            await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Sell)), // nothing held: rejected, still chained
        };
        return (h, results);
    }

    private static async Task<TableClient> TableAsync(FlowHarness h) => await h.Get<Lyra.Storage.Tables.TableProvider>().GetAsync(Lyra.Storage.Tables.TableNames.Decisions);

    [Fact]
    public async Task Finished_decisions_form_an_intact_chain_and_rewrites_do_not_extend_it()
    {
        var (h, results) = await ThreeFlowsAsync();
        await using var _ = h;
        var store = h.Get<IJournalStore<DecisionJournal>>();
        var v = await store.VerifyAsync();
        Assert.True(v.Intact, v.Reason);
        Assert.Equal(3, v.Entries);

        // A retried RecordDecision writes the same journal again: no new link.
        await store.SaveAsync((await store.GetAsync(results[0].DecisionId))!);
        Assert.Equal(3, (await store.VerifyAsync()).Entries);

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.VerifyDecisions);
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("data").GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Editing_a_past_journal_is_detected_at_its_entry()
    {
        var (h, results) = await ThreeFlowsAsync();
        await using var _ = h;
        var table = await TableAsync(h);
        var index = (await table.GetEntityAsync<TableEntity>("byid", results[1].DecisionId)).Value;
        var row = (await table.GetEntityAsync<TableEntity>(index.GetString("Stream"), index.GetString("Row"))).Value;
        row["Json"] = row.GetString("Json").Replace("\"executed\"", "\"rejected\"", StringComparison.Ordinal);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var v = await h.Get<IJournalStore<DecisionJournal>>().VerifyAsync();
        Assert.False(v.Intact);
        Assert.Equal(2, v.FirstBroken);
        Assert.Equal(results[1].DecisionId, v.EntryId);
        Assert.Contains("changed after it was chained", v.Reason, StringComparison.Ordinal);
        var (_, body) = await ApiCall.InvokeAsync(h, ApiRoutes.VerifyDecisions);
        Assert.Contains("BROKEN at entry 2", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_links_and_removed_entries_are_detected()
    {
        var (h, _) = await ThreeFlowsAsync();
        await using var __ = h;
        var table = await TableAsync(h);
        var second = (await table.GetEntityAsync<TableEntity>("chain", "e000000000002")).Value;
        second["PreviousHash"] = new string('a', 64);
        await table.UpdateEntityAsync(second, second.ETag, TableUpdateMode.Replace);
        var forged = await h.Get<IJournalStore<DecisionJournal>>().VerifyAsync();
        Assert.Equal((false, 2L), (forged.Intact, forged.FirstBroken));
        Assert.Contains("previous-hash link", forged.Reason, StringComparison.Ordinal);

        second["PreviousHash"] = (await table.GetEntityAsync<TableEntity>("chain", "e000000000001")).Value.GetString("Hash");
        await table.UpdateEntityAsync(second, ETag.All, TableUpdateMode.Replace);
        Assert.True((await h.Get<IJournalStore<DecisionJournal>>().VerifyAsync()).Intact);
        await table.DeleteEntityAsync("chain", "e000000000003");
        var removed = await h.Get<IJournalStore<DecisionJournal>>().VerifyAsync();
        Assert.False(removed.Intact);
        Assert.Contains("entries removed", removed.Reason, StringComparison.Ordinal);
    }
}
