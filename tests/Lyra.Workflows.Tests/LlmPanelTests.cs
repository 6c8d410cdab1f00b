using Lyra.Core.Trading;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;
using Lyra.Core.Journals;

namespace Lyra.Workflows.Tests;

/// <summary>LLM voters (through the OpenAI-compatible client) on TradeFlow's panel, against the loopback fake server.</summary>
public sealed class LlmPanelTests
{
    [Fact]
    public async Task Configured_models_join_the_panel_and_a_failing_model_abstains_while_the_rest_decide()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = FakeOpenAiServer.Reply.Vote("buy", 0.9);
        await using var h = await FlowHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Lyra:OpenRouter:BaseUrl"] = server.BaseUrl,
            ["Lyra:OpenRouter:ApiKeys:0"] = "sk-or-test-0001",
            ["Lyra:OpenRouter:Models:0"] = "acme/alpha",
            ["Lyra:OpenRouter:Models:1"] = "acme/beta",
            ["Lyra:Trading:Voters:0"] = "llm:acme/alpha",
            ["Lyra:Trading:Voters:1"] = "llm:acme/beta",
            ["Lyra:Trading:Voters:2"] = "trend",
        });
        server.Script(new FakeOpenAiServer.Reply(500, "provider down"));
        var candles = await h.SeedAsync(Enumerable.Range(0, 80).Select(i => 100m + (i * 0.3m)).ToList());

        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));

        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId);
        Assert.Equal(3, journal!.Votes.Count);
        var failed = Assert.Single(journal.Votes, v => v.Abstained);
        Assert.Contains("failed with HTTP 500", failed.Rationale, StringComparison.Ordinal);
        Assert.Contains(journal.Votes, v => v.Voter.StartsWith("llm:", StringComparison.Ordinal) && v.Action == TradeAction.Buy && v.Rationale == "model says buy");
        Assert.Equal(2, journal.Consensus!.Counted);
        var llm = journal.Votes.First(v => v.Voter.StartsWith("llm:", StringComparison.Ordinal) && !v.Abstained);
        Assert.Equal((120L, 30L), (llm.InputTokens, llm.OutputTokens));
        Assert.True(llm.LatencyMs > 0);
        Assert.Equal(DecisionStatus.Executed, result.Status);
        Assert.Equal(2, server.Requests.Count);
    }
}
