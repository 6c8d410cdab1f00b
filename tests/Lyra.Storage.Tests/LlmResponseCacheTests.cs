using Azure.Data.Tables;
using Lyra.Ai.OpenRouter;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Lyra.Storage.Ai;
using Microsoft.Extensions.Time.Testing;

namespace Lyra.Storage.Tests;

/// <summary>Identical questions are answered from the table cache until the TTL ends; invalid replies are never cached.</summary>
public sealed class LlmResponseCacheTests
{
    private static VoteContext Context(double last) => new("binance:BTCUSDT:1m", TradeAction.Buy, "cross",
        Enumerable.Range(0, 40).Select(i => 100.0 + i).Append(last).ToArray(), Enumerable.Repeat(150.0, 41).ToArray(), Enumerable.Repeat(90.0, 41).ToArray(), false);

    [Fact]
    public async Task A_repeated_prompt_is_served_from_the_cache_until_it_expires()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cache = new LlmResponseCacheTableStore(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName()), clock);
        var voter = (await LlmGateway.CreateAsync(server, http, new ApiKeyPool(["sk-or-cache-0001"], clock), time: clock)).Voter("acme/model-1", cache);

        var first = await voter.VoteAsync(Context(141));
        var second = await voter.VoteAsync(Context(141));
        Assert.Single(server.Requests);
        Assert.Equal((false, true), (first.Cached, second.Cached));
        Assert.Equal((first.Action, first.Confidence, first.Rationale), (second.Action, second.Confidence, second.Rationale));
        Assert.Equal((0L, 0L, 0m), (second.InputTokens, second.OutputTokens, second.CostUsd)); // nothing billed
        Assert.True(first.CostUsd > 0);
        Assert.Equal(first.PromptHash, second.PromptHash);

        await voter.VoteAsync(Context(142)); // a different question
        Assert.Equal(2, server.Requests.Count);
        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.False((await voter.VoteAsync(Context(141))).Cached);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Invalid_replies_are_not_cached()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();
        var cache = new LlmResponseCacheTableStore(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName()), TimeProvider.System);
        var voter = (await LlmGateway.CreateAsync(server, http, new ApiKeyPool(["sk-or-cache-0002"], TimeProvider.System))).Voter("acme/model-1", cache);
        server.Script(new FakeOpenAiServer.Reply(200, "prose"), new FakeOpenAiServer.Reply(200, "more prose"));
        Assert.True((await voter.VoteAsync(Context(141))).Abstained);
        var next = await voter.VoteAsync(Context(141));
        Assert.False(next.Cached);
        Assert.False(next.Abstained);
        Assert.Equal(3, server.Requests.Count);
    }
}
