using Lyra.Ai.OpenRouter;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Testing;

namespace Lyra.Ai.Tests;

/// <summary>The real OpenAI .NET client (as IChatClient) against a loopback server speaking OpenRouter's wire format.</summary>
public sealed class LlmVoterTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private HttpClient _http = null!;
    private static readonly VoteContext Context = new("binance:BTCUSDT:1m", TradeAction.Buy, "SMA(10) crossed above SMA(30)",
        Enumerable.Range(0, 50).Select(i => 100.0 + i).ToArray(), Enumerable.Range(0, 50).Select(i => 101.0 + i).ToArray(), Enumerable.Range(0, 50).Select(i => 99.0 + i).ToArray(), false);

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private LlmVoter Voter(ApiKeyPool? keys = null, int timeout = 5) =>
        new("acme/model-1", keys ?? new ApiKeyPool(["sk-or-aaaa1111"], TimeProvider.System), _http, new OpenRouterOptions { BaseUrl = _server.BaseUrl, TimeoutSeconds = timeout });

    [Fact]
    public async Task A_json_reply_becomes_a_vote_and_the_request_asks_for_json_with_the_market_context()
    {
        _server.Script(FakeOpenAiServer.Reply.Vote("sell", 0.7));
        var voter = Voter();
        var vote = await voter.VoteAsync(Context);
        Assert.Equal(("llm:acme/model-1", TradeAction.Sell, 0.7, false), (vote.Voter, vote.Action, vote.Confidence, vote.Abstained));
        Assert.Equal("model says sell", vote.Rationale);
        Assert.Equal((120L, 30L), voter.LastUsage);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("1111", "acme/model-1", true), (request.KeySuffix, request.Model, request.JsonMode));
        Assert.Contains("SMA(10) crossed above SMA(30)", request.Messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prose_gets_one_repair_prompt_and_then_counts_as_an_abstention()
    {
        _server.Script(new FakeOpenAiServer.Reply(200, "I think the market looks bullish!"), FakeOpenAiServer.Reply.Vote("buy", 0.9));
        var repaired = await Voter().VoteAsync(Context);
        Assert.Equal((TradeAction.Buy, false), (repaired.Action, repaired.Abstained));
        Assert.Contains("not usable (not JSON)", _server.Requests.Last().Messages[^1], StringComparison.Ordinal);

        _server.Script(new FakeOpenAiServer.Reply(200, "still prose"), new FakeOpenAiServer.Reply(200, "{\"action\":\"buy\",\"confidence\":1.7}"));
        var given = await Voter().VoteAsync(Context);
        Assert.True(given.Abstained);
        Assert.Contains("confidence 1.7 is outside 0..1", given.Rationale, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "failed with HTTP 500")]
    [InlineData(429, "answered 429")]
    public async Task Server_errors_and_rate_limits_are_abstentions_not_exceptions(int status, string reason)
    {
        _server.Script(new FakeOpenAiServer.Reply(status, "upstream trouble"));
        var vote = await Voter().VoteAsync(Context);
        Assert.True(vote.Abstained);
        Assert.Contains(reason, vote.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-aaaa1111", vote.Rationale, StringComparison.Ordinal); // never the key itself
    }

    [Fact]
    public async Task A_slow_model_times_out_as_an_abstention()
    {
        _server.Script(new FakeOpenAiServer.Reply(200, "{}", TimeSpan.FromSeconds(10)));
        var vote = await Voter(timeout: 1).VoteAsync(Context);
        Assert.True(vote.Abstained);
        Assert.Contains("did not answer within 1 s", vote.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_rotate_and_a_rate_limited_key_cools_down()
    {
        var pool = new ApiKeyPool(["sk-or-key-0001", "sk-or-key-0002", "sk-or-key-0003"], TimeProvider.System);
        var voter = Voter(pool);
        _server.Script(new FakeOpenAiServer.Reply(429, "rate limited"));
        for (var i = 0; i < 5; i++) await voter.VoteAsync(Context);
        var used = _server.Requests.Select(r => r.KeySuffix).ToList();
        Assert.Equal(["0001", "0002", "0003"], used.Take(3));
        Assert.DoesNotContain("0001", used.Skip(1)); // 0001 got the 429 and rests (Retry-After 30 s)
        var exhausted = new ApiKeyPool(["sk-only-9999"], TimeProvider.System);
        exhausted.CoolDown("sk-only-9999");
        Assert.Contains("cooling down", (await Voter(exhausted).VoteAsync(Context)).Rationale, StringComparison.Ordinal);
        Assert.Equal("…9999", ApiKeyPool.Mask("sk-only-9999"));
    }
}
