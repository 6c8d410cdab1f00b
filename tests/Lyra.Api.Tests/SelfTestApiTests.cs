using System.Text.Json;
using Lyra.Api.Routing;
using Lyra.Core.Journals;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>POST /api/testing/run through the real durable flow on Azurite, and GET /api/testing/performance after it.</summary>
public sealed class SelfTestApiTests
{
    private static Task<FlowHarness> StartAsync(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2" };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return ApiHarness.StartAsync(s => { s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f2", 0.9)); },
            settings);
    }

    private static Dictionary<string, (string Status, string Detail)> Steps(JsonElement data) =>
        data.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!, s => (s.GetProperty("status").GetString()!, s.GetProperty("detail").GetString()!));

    [Fact]
    public async Task The_self_test_drives_a_synthetic_market_through_every_step_and_leaves_no_position()
    {
        // An approval limit below the test order: the self-test answers its own approval.
        await using var h = await StartAsync(new() { ["Lyra:Trading:ApprovalNotional"] = "10" });
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.TestingRun);
        Assert.True(status == 200, body.ToString());
        var data = body.GetProperty("data");
        var steps = Steps(data);
        Assert.True(data.GetProperty("passed").GetBoolean(), body.ToString());
        Assert.Equal(["candles", "strategies", "panel", "buy", "position", "sell", "journal"], steps.Keys);
        Assert.All(steps.Values, s => Assert.Equal("pass", s.Status));
        Assert.StartsWith("2 of 2 voters answered", steps["panel"].Detail, StringComparison.Ordinal);

        var run = data.GetProperty("run").GetString();
        var buy = await h.Get<IJournalStore<DecisionJournal>>().GetAsync($"selftest-{run}-buy");
        Assert.Equal((DecisionStatus.Executed, "selftest"), (buy!.Status, buy.Approval!.By));
        var positions = await h.Get<Lyra.Risk.Portfolio.IPortfolioStore>().GetAsync();
        Assert.False(positions.Positions.TryGetValue("selftest:SELFTEST:1m", out var p) && p.Quantity > 0);

        (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.TestingPerformance);
        Assert.Equal(200, status);
        var perf = body.GetProperty("data");
        Assert.Equal(2, perf.GetProperty("flows").GetProperty("window").GetInt32());
        Assert.True(perf.GetProperty("flows").GetProperty("p50_ms").GetDouble() > 0);
        Assert.Equal(run, perf.GetProperty("last_self_test").GetProperty("run").GetString());
    }

    [Fact]
    public async Task With_trading_stopped_the_self_test_shows_the_kill_switch_refusing_and_still_passes()
    {
        await using var h = await StartAsync();
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.TradingStop, body: "{\"reason\":\"maintenance\"}")).Status);
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.TestingRun);
        Assert.Equal(200, status);
        var steps = Steps(body.GetProperty("data"));
        Assert.Equal("warn", steps["buy"].Status);
        Assert.Contains("kill switch", steps["buy"].Detail, StringComparison.Ordinal);
        Assert.False(steps.ContainsKey("sell"));
        Assert.True(body.GetProperty("data").GetProperty("passed").GetBoolean());
    }
}
