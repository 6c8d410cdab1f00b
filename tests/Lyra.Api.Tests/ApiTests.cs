using System.Text;
using System.Text.Json;
using Lyra.Core.Trading;
using Lyra.Api.Routing;
using Microsoft.AspNetCore.Http;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Lyra.Risk.KillSwitch;

namespace Lyra.Api.Tests;

/// <summary>The API handlers through a real <see cref="HttpContext"/>: envelopes, status codes and input validation.</summary>
public sealed class ApiTests
{
    private static Task<(int Status, JsonElement Body)> CallAsync(FlowHarness h, ApiRoute route, string query = "", string? body = null, string? id = null) =>
        ApiCall.InvokeAsync(h, route, query, body, id);

    [Fact]
    public async Task Health_reports_every_module_in_the_success_envelope()
    {
        await using var h = await ApiHarness.StartAsync();
        var (status, body) = await CallAsync(h, ApiRoutes.Health);
        Assert.Equal(200, status);
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal("monitoring", body.GetProperty("module").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.True(body.TryGetProperty("timestamp", out _));
        var modules = body.GetProperty("data").GetProperty("modules").EnumerateArray().ToDictionary(m => m.GetProperty("module").GetString()!, m => m.GetProperty("status").GetString());
        Assert.Equal(["ai_voters", "durable", "exchange", "market_data", "storage"], modules.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("healthy", modules["storage"]);
        Assert.Equal("healthy", modules["durable"]);
        Assert.Equal("degraded", modules["market_data"]); // nothing collected yet
        Assert.Equal("degraded", body.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stop_and_start_switch_the_kill_switch_and_status_shows_it()
    {
        await using var h = await ApiHarness.StartAsync();
        var (s1, stop) = await CallAsync(h, ApiRoutes.TradingStop, body: "{\"reason\":\"manual halt\"}");
        Assert.Equal(200, s1);
        Assert.False(stop.GetProperty("data").GetProperty("trading_enabled").GetBoolean());
        Assert.False((await h.Get<ITradingStateStore>().GetAsync(true)).Enabled);
        var (_, status) = await CallAsync(h, ApiRoutes.Status);
        Assert.False(status.GetProperty("data").GetProperty("trading_enabled").GetBoolean());
        Assert.Equal("manual halt", status.GetProperty("data").GetProperty("trading_reason").GetString());
        Assert.Equal(0, status.GetProperty("data").GetProperty("counts").GetProperty("decisions").GetInt32());
        var (s2, start) = await CallAsync(h, ApiRoutes.TradingStart);
        Assert.Equal(200, s2);
        Assert.True(start.GetProperty("data").GetProperty("trading_enabled").GetBoolean());
    }

    [Theory]
    [InlineData("{\"reason\":", "reason", "JSON cut off at reason")]
    [InlineData("not json", "$", "not JSON at all")]
    [InlineData("{\"reason\":\"x\",\"force\":true}", "force", "unknown field")]
    [InlineData("{\"reason\":42}", "reason", "wrong type")]
    [InlineData("[1,2]", "$", "not an object")]
    public async Task Invalid_bodies_are_400_naming_the_field_and_change_nothing(string json, string field, string why)
    {
        using var api = ApiUnit.Create();
        var (status, body) = await api.CallAsync(ApiRoutes.TradingStop, body: json);
        Assert.True(status == 400, why);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal("validation_failed", body.GetProperty("error_code").GetString());
        Assert.Equal(field, body.GetProperty("details").GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_message").GetString()));
        Assert.Equal(0, api.TradingState.Writes);
    }

    [Theory]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=5000", "limit")]
    [InlineData("?market=BTC", "market")]
    [InlineData("?sort=asc", "sort")]
    public async Task Invalid_query_parameters_are_400_naming_them(string query, string field)
    {
        using var api = ApiUnit.Create();
        var (status, body) = await api.CallAsync(ApiRoutes.Signals, query);
        Assert.Equal(400, status);
        Assert.Equal(field, body.GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Decision_lookup_is_404_when_unknown_and_400_when_malformed()
    {
        await using var h = await ApiHarness.StartAsync();
        var (s1, b1) = await CallAsync(h, ApiRoutes.Decision, id: "tf-doesnotexist");
        Assert.Equal(404, s1);
        Assert.Equal("not_found", b1.GetProperty("error_code").GetString());
        var (s2, b2) = await CallAsync(h, ApiRoutes.Decision, id: "../etc/passwd");
        Assert.Equal(400, s2);
        Assert.Equal("id", b2.GetProperty("details").GetProperty("field").GetString());
        var (s3, b3) = await CallAsync(h, ApiRoutes.Decisions, "?status=maybe");
        Assert.Equal(400, s3);
        Assert.Contains("executed", b3.GetProperty("error_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_orders_and_positions_show_an_executed_flow()
    {
        await using var h = await ApiHarness.StartAsync(s =>
        {
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Lyra.Ai.Voting.IVoter>(s, new ScriptedVoter("a", TradeAction.Buy, 0.9));
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Lyra.Ai.Voting.IVoter>(s, new ScriptedVoter("b", TradeAction.Buy, 0.9));
        }, new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b" });
        var candles = await h.SeedAsync(Enumerable.Range(0, 60).Select(i => 100m + i).ToList());
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));

        var (_, list) = await CallAsync(h, ApiRoutes.Decisions, "?status=executed&market=replay:BTCUSDT:1m");
        var row = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(result.DecisionId, row.GetProperty("id").GetString());
        Assert.Equal("buy", row.GetProperty("action").GetString());

        var (s, one) = await CallAsync(h, ApiRoutes.Decision, id: result.DecisionId);
        Assert.Equal(200, s);
        var journal = one.GetProperty("data");
        Assert.Equal(2, journal.GetProperty("votes").GetArrayLength());
        Assert.Equal("approve", journal.GetProperty("risk").GetProperty("verdict").GetString());
        Assert.True(journal.GetProperty("risk").GetProperty("checks").GetArrayLength() >= 5);
        Assert.Equal("filled", journal.GetProperty("order").GetProperty("status").GetString());

        var (_, orders) = await CallAsync(h, ApiRoutes.Orders);
        Assert.Equal(result.ClientOrderId, Assert.Single(orders.GetProperty("data").EnumerateArray()).GetProperty("client_order_id").GetString());
        var (_, positions) = await CallAsync(h, ApiRoutes.Positions);
        var pos = Assert.Single(positions.GetProperty("data").GetProperty("positions").EnumerateArray());
        Assert.Equal("replay:BTCUSDT:1m", pos.GetProperty("market").GetString());
        Assert.True(pos.GetProperty("quantity").GetDecimal() > 0);
        var (_, signals) = await CallAsync(h, ApiRoutes.Signals, "?limit=5");
        Assert.Equal(0, signals.GetProperty("data").GetArrayLength()); // started directly, not through the generator
    }
}
