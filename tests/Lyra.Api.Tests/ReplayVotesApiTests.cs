using System.Text.Json;
using Lyra.Ai.Voting;
using Lyra.Api.Routing;
using Lyra.Core.Trading;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>Point-in-time replay through <c>POST /api/strategies/backtest</c>: recorded LLM votes decide the bars they decided.</summary>
public sealed class ReplayVotesApiTests
{
    private static readonly IReadOnlyList<decimal> Rising = Enumerable.Range(0, 80).Select(i => 100m + (i * 0.3m)).ToList();

    [Fact]
    public async Task A_backtest_of_ai_signals_replays_the_recorded_votes_instead_of_asking_the_models_again()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var h = await ApiHarness.StartAsync(s => { s.AddSingleton<IVoter>(new FollowerVoter("a", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("b", 0.9)); },
            server.PanelSettings("llm:acme/alpha", "a", "b"));
        var candles = await h.SeedAsync(Rising);
        server.Script(FakeOpenAiServer.Reply.Vote("buy", 0.9), FakeOpenAiServer.Reply.Vote("sell", 0.9));
        Assert.Equal(DecisionStatus.Executed, (await h.RunAsync(FlowHarness.Input(candles[60], TradeAction.Buy))).Status);
        Assert.Equal(DecisionStatus.Executed, (await h.RunAsync(FlowHarness.Input(candles[75], TradeAction.Sell))).Status);
        var asked = server.Requests.Count;

        const string body = "{\"strategy\":\"ai-signals\",\"market\":\"replay:BTCUSDT:1m\",\"bars\":80,\"replay_votes\":true}";
        var (status, replay) = await ApiCall.InvokeAsync(h, ApiRoutes.Backtest, body: body);
        Assert.Equal(200, status);
        var used = replay.GetProperty("data").GetProperty("replayed_votes");
        Assert.Equal((2, 2, 2), (used.GetProperty("decisions").GetInt32(), used.GetProperty("bars").GetInt32(), used.GetProperty("model_votes").GetInt32()));
        Assert.Equal(asked, server.Requests.Count); // nothing was asked again
        // The recorded sell at candle 75 closes the long: its exit fills at the next candle's open.
        var exits = replay.GetProperty("data").GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("exit_time").GetDateTimeOffset()).ToList();
        Assert.Contains(candles[76].OpenTime, exits);

        var (_, live) = await ApiCall.InvokeAsync(h, ApiRoutes.Backtest, body: body.Replace("true", "false", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, live.GetProperty("data").GetProperty("replayed_votes").ValueKind);
        Assert.DoesNotContain(candles[76].OpenTime, live.GetProperty("data").GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("exit_time").GetDateTimeOffset()));
        var (again, _) = await ApiCall.InvokeAsync(h, ApiRoutes.Backtest, body: body.Replace("ai-signals", "sma-cross", StringComparison.Ordinal));
        Assert.Equal(400, again);
    }
}
