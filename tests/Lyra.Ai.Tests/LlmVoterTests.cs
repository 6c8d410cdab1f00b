using Lyra.Ai.Costs;
using Lyra.Ai.OpenRouter;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Testing;

namespace Lyra.Ai.Tests;

/// <summary>The real OpenAI .NET client (as IChatClient) behind the gateway, against a loopback server speaking OpenRouter's wire format.</summary>
public sealed class LlmVoterTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private HttpClient _http = null!;
    private static readonly VoteContext Context = new("binance:BTCUSDT:1m", TradeAction.Buy, "SMA(10) crossed above SMA(30)",
        Enumerable.Range(0, 50).Select(i => 100.0 + i).ToArray(), Enumerable.Range(0, 50).Select(i => 101.0 + i).ToArray(), Enumerable.Range(0, 50).Select(i => 99.0 + i).ToArray(), false,
        new Dictionary<string, double> { ["rsi_14"] = 71.5 }, ["2024-01-01 10:00 sma-cross proposed sell → rejected (consensus_hold)"], null);

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

    private async Task<LlmVoter> VoterAsync(ApiKeyPool? keys = null, int timeout = 5) =>
        (await LlmGateway.CreateAsync(_server, _http, keys, timeoutSeconds: timeout)).Voter();

    [Fact]
    public async Task A_json_reply_becomes_a_vote_priced_from_its_usage_and_the_request_carries_role_and_market_context()
    {
        _server.Script(FakeOpenAiServer.Reply.Vote("sell", 0.7));
        var vote = await (await VoterAsync()).VoteAsync(Context);
        Assert.Equal(("llm:acme/model-1", TradeAction.Sell, 0.7, false), (vote.Voter, vote.Action, vote.Confidence, vote.Abstained));
        Assert.Equal("model says sell", vote.Rationale);
        Assert.Equal((120L, 30L, "acme/model-1"), (vote.InputTokens, vote.OutputTokens, vote.Model));
        // acme/model-1 is listed at $1 per million prompt tokens and $2 per million completion tokens.
        Assert.Equal((120m * 1m / 1_000_000m) + (30m * 2m / 1_000_000m), vote.CostUsd);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("1111", "acme/model-1", true), (request.KeySuffix, request.Model, request.JsonMode));
        Assert.StartsWith("You are a careful trader", request.Messages[0], StringComparison.Ordinal);
        Assert.Contains("SMA(10) crossed above SMA(30)", request.Messages[1], StringComparison.Ordinal);
        Assert.Contains("rsi_14 71.5", request.Messages[1], StringComparison.Ordinal);
        Assert.Contains("proposed sell → rejected (consensus_hold)", request.Messages[1], StringComparison.Ordinal);
        Assert.Equal(VotePrompt.Hash(request.Messages[0], request.Messages[1]), vote.PromptHash);
    }

    [Fact]
    public async Task Prose_gets_one_repair_prompt_and_then_counts_as_an_abstention_that_still_pays_for_both_calls()
    {
        _server.Script(new FakeOpenAiServer.Reply(200, "I think the market looks bullish!"), FakeOpenAiServer.Reply.Vote("buy", 0.9));
        var voter = await VoterAsync();
        var repaired = await voter.VoteAsync(Context);
        Assert.Equal((TradeAction.Buy, false, 240L), (repaired.Action, repaired.Abstained, repaired.InputTokens));
        Assert.Contains("not usable (not JSON)", _server.Requests.Last().Messages[^1], StringComparison.Ordinal);

        _server.Script(new FakeOpenAiServer.Reply(200, "still prose"), new FakeOpenAiServer.Reply(200, "{\"action\":\"buy\",\"confidence\":1.7}"));
        var given = await voter.VoteAsync(Context with { StrategyReason = "another question" });
        Assert.True(given.Abstained);
        Assert.Contains("confidence 1.7 is outside 0..1", given.Rationale, StringComparison.Ordinal);
        Assert.True(given.CostUsd > 0);
    }

    [Theory]
    [InlineData(500, "failed with HTTP 500")]
    [InlineData(429, "answered 429")]
    public async Task Server_errors_and_rate_limits_are_abstentions_not_exceptions(int status, string reason)
    {
        _server.Script(new FakeOpenAiServer.Reply(status, "upstream trouble"));
        var vote = await (await VoterAsync()).VoteAsync(Context);
        Assert.True(vote.Abstained);
        Assert.Contains(reason, vote.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-test-1111", vote.Rationale, StringComparison.Ordinal); // never the key itself
        Assert.Equal(0m, vote.CostUsd);
    }

    [Fact]
    public async Task A_slow_model_times_out_as_an_abstention()
    {
        _server.Script(new FakeOpenAiServer.Reply(200, "{}", TimeSpan.FromSeconds(10)));
        var vote = await (await VoterAsync(timeout: 1)).VoteAsync(Context);
        Assert.True(vote.Abstained);
        Assert.True(vote.IsTimeout);
        Assert.Contains("did not answer within 1 s", vote.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_rotate_and_a_rate_limited_key_cools_down_for_as_long_as_retry_after_says()
    {
        var pool = new ApiKeyPool(["sk-or-key-0001", "sk-or-key-0002", "sk-or-key-0003"], TimeProvider.System);
        var voter = await VoterAsync(pool);
        _server.Script(new FakeOpenAiServer.Reply(429, "rate limited"));
        for (var i = 0; i < 5; i++) await voter.VoteAsync(Context with { StrategyReason = "q" + i });
        var used = _server.Requests.Select(r => r.KeySuffix).ToList();
        Assert.Equal(["0001", "0002", "0003"], used.Take(3));
        Assert.DoesNotContain("0001", used.Skip(1)); // 0001 got the 429 and rests (Retry-After 30 s)
        Assert.False(pool.IsAvailable("sk-or-key-0001"));
        var exhausted = new ApiKeyPool(["sk-only-9999"], TimeProvider.System);
        exhausted.CoolDown("sk-only-9999");
        Assert.Contains("cooling down", (await (await VoterAsync(exhausted)).VoteAsync(Context)).Rationale, StringComparison.Ordinal);
        Assert.Equal("…9999", ApiKeyPool.Mask("sk-only-9999"));
    }

    [Fact]
    public async Task A_key_whose_rate_limit_is_used_up_rests_until_the_reset_before_the_provider_refuses_it()
    {
        var pool = new ApiKeyPool(["sk-or-key-000a", "sk-or-key-000b"], TimeProvider.System);
        var voter = await VoterAsync(pool);
        var reset = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _server.Script(FakeOpenAiServer.Reply.Vote("buy", 0.8) with
        {
            Headers = new Dictionary<string, string> { ["X-RateLimit-Limit"] = "20", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset },
        });
        Assert.False((await voter.VoteAsync(Context)).Abstained); // the answer itself is good
        for (var i = 0; i < 3; i++) await voter.VoteAsync(Context with { StrategyReason = "q" + i });
        Assert.Equal(["000a", "000b", "000b", "000b"], _server.Requests.Select(r => r.KeySuffix));
        Assert.False(pool.IsAvailable("sk-or-key-000a"));
    }

    [Fact]
    public async Task Without_any_key_the_voter_abstains_and_says_which_setting_is_missing()
    {
        var vote = await (await VoterAsync(new ApiKeyPool([], TimeProvider.System))).VoteAsync(Context);
        Assert.True(vote.Abstained);
        Assert.Contains("Lyra:OpenRouter:ApiKeys", vote.Rationale, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_exhausted_budget_stops_paid_calls_before_they_are_made()
    {
        // One call costs $0.00018; the model's own daily budget is $0.0003, the total daily budget is $1.
        var ai = new AiOptions { DailyBudgetUsd = 1m, ModelBudgets = [new ModelBudget { Model = "acme/model-1", DailyUsd = 0.0003m }] };
        var gateway = await LlmGateway.CreateAsync(_server, _http, ai: ai);
        var voter = gateway.Voter();
        Assert.False((await voter.VoteAsync(Context with { StrategyReason = "a" })).Abstained);
        Assert.False((await voter.VoteAsync(Context with { StrategyReason = "b" })).Abstained); // $0.00018 < $0.0003: still allowed
        var refused = await voter.VoteAsync(Context with { StrategyReason = "c" });
        Assert.True(refused.Abstained);
        Assert.StartsWith(Vote.BudgetPrefix + "daily budget $0.0003 of acme/model-1 reached (spent $0.00036 in ", refused.Rationale, StringComparison.Ordinal);
        Assert.False(refused.IsFailure);
        Assert.Equal(2, _server.Requests.Count);

        var (today, month) = await gateway.Costs.ReportAsync();
        var spend = Assert.Single(today.Models);
        Assert.Equal(("acme/model-1", 0.00036m, 2L, 240L, 60L, true), (spend.Model, spend.CostUsd, spend.Calls, spend.InputTokens, spend.OutputTokens, spend.Exhausted));
        Assert.Equal((0.00036m, 1m, 0.99964m), (today.TotalUsd, today.BudgetUsd, today.RemainingUsd));
        Assert.Equal(0.00036m, month.TotalUsd);
        Assert.Null(month.BudgetUsd);
    }
}
