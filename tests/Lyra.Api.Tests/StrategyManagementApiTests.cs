using System.Text.Json;
using Lyra.Ai.Voting;
using Lyra.Api.Routing;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Updates;
using Lyra.Security.Access;
using Lyra.Security.Audit;
using Lyra.Strategies.Management;
using Lyra.Strategies.Strategies;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Lyra.Workflows.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Lyra.Workflows.Configuration;

namespace Lyra.Api.Tests;

/// <summary>Several strategies per market; activate, deactivate, switch and execute through the API, audited and kept in storage.</summary>
public sealed class StrategyManagementApiTests
{
    private static readonly Dictionary<string, string> Trader = new() { [ClientPrincipal.Header] = ClientPrincipal.Encode("tom", "aad", LyraRoles.Trader) };

    private static IReadOnlyList<decimal> CrossAtLastBar() => TestCandles.SmaCrossAtLastBar();

    private static Task<FlowHarness> StartAsync() => ApiHarness.StartAsync(
        s =>
        {
            s.AddSingleton<IVoter>(new ScriptedVoter("a", TradeAction.Buy, 0.9));
            s.AddSingleton<IVoter>(new ScriptedVoter("b", TradeAction.Buy, 0.9));
            s.AddSingleton<IAccessControl>(new AppServiceAccessControl(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [AppServiceAccessControl.AuthEnabledSetting] = "true" }).Build()));
        },
        new Dictionary<string, string?>
        {
            ["Lyra:Trading:Voters:0"] = "a",
            ["Lyra:Trading:Voters:1"] = "b",
            ["Lyra:Strategy:Assignments:fast:Name"] = "sma-cross",
            ["Lyra:Strategy:Assignments:fast:Parameters:fast"] = "10",
            ["Lyra:Strategy:Assignments:fast:Parameters:slow"] = "30",
            ["Lyra:Strategy:Assignments:slow:Name"] = "sma-cross",
            ["Lyra:Strategy:Assignments:slow:Parameters:fast"] = "20",
            ["Lyra:Strategy:Assignments:slow:Parameters:slow"] = "50",
            ["Lyra:Strategy:Assignments:slow:Active"] = "false",
            ["Lyra:Strategy:Assignments:eth-only:Name"] = "rsi-reversion",
            ["Lyra:Strategy:Assignments:eth-only:Markets:0"] = "replay:ETHUSDT:1m",
        });

    private static Dictionary<string, (bool Active, string Source)> Rows(JsonElement body) =>
        body.GetProperty("data").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => (r.GetProperty("active").GetBoolean(), r.GetProperty("source").GetString()!));

    [Fact]
    public async Task Configured_strategies_run_per_market_and_signals_name_the_strategy_with_a_strength()
    {
        await using var h = await StartAsync();
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.StrategiesActive, headers: Trader);
        Assert.Equal(200, status);
        Assert.Equal(new Dictionary<string, (bool, string)> { ["eth-only"] = (true, "config"), ["fast"] = (true, "config"), ["slow"] = (false, "config") }, Rows(body));

        var candles = await h.SeedAsync(CrossAtLastBar());
        var update = new MarketUpdate(FlowHarness.Btc.Key, candles[^1].OpenTime, candles[^1].OpenTime, 1).ToJson();
        var result = await h.Get<SignalGenerator>().HandleAsync(update, "m1", h.Flows);
        Assert.Equal((1, 1), (result.Evaluated, result.Signals)); // fast only: slow is inactive, eth-only watches another market

        (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.StrategySignals, headers: Trader);
        var signal = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal(("fast", "buy"), (signal.GetProperty("strategy").GetString(), signal.GetProperty("action").GetString()));
        var strength = signal.GetProperty("strength").GetDouble();
        Assert.InRange(strength, 0.0001, 1);
    }

    [Fact]
    public async Task A_switch_is_one_audited_change_that_a_restart_keeps()
    {
        await using var h = await StartAsync();
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.StrategyActivate, body: "{\"id\":\"swing\",\"strategy\":\"donchian-breakout\",\"replaces\":\"fast\"}", headers: Trader);
        Assert.True(status == 200, body.ToString());
        Assert.Equal("switched from fast to swing", body.GetProperty("message").GetString());
        (status, _) = await ApiCall.InvokeAsync(h, ApiRoutes.StrategyActivate, body: "{\"id\":\"slow\"}", headers: Trader);
        Assert.Equal(200, status);
        (status, _) = await ApiCall.InvokeAsync(h, ApiRoutes.StrategyDeactivate, body: "{\"id\":\"eth-only\"}", headers: Trader);
        Assert.Equal(200, status);

        var expected = new Dictionary<string, (bool, string)> { ["eth-only"] = (false, "runtime"), ["fast"] = (false, "runtime"), ["slow"] = (true, "runtime"), ["swing"] = (true, "runtime") };
        (_, body) = await ApiCall.InvokeAsync(h, ApiRoutes.StrategiesActive, headers: Trader);
        Assert.Equal(expected, Rows(body));
        var swing = body.GetProperty("data").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "swing");
        Assert.Equal(("donchian-breakout", "tom"), (swing.GetProperty("strategy").GetString(), swing.GetProperty("updated_by").GetString()));
        Assert.Equal(20, swing.GetProperty("parameters").GetProperty("entry").GetDouble()); // the catalog's defaults are filled in

        // A restart: a new registry over the same storage and the same settings runs the same set.
        var restarted = new StrategyRegistry(h.Get<IStrategyAssignmentStore>(), h.Get<IStrategyFactory>(), TimeProvider.System,
            () => h.Get<IOptionsMonitor<StrategyOptions>>().CurrentValue.Configured());
        Assert.Equal(expected.Where(e => e.Value.Item1).Select(e => e.Key).Order(), (await restarted.ActiveForAsync(FlowHarness.Btc.Key)).Select(a => a.Id).Order());

        var audit = await h.Get<AuditLog>().ListAsync(AuditKinds.Control, 20);
        Assert.Equal(["StrategyActivate", "StrategyActivate", "StrategyDeactivate"], audit.Select(a => a.Action).Where(a => a.StartsWith("Strategy", StringComparison.Ordinal)).Order());
        Assert.All(audit, a => Assert.Equal("tom", a.Actor));
    }

    [Fact]
    public async Task Execute_evaluates_the_newest_candle_now_and_starts_the_flow_once()
    {
        await using var h = await StartAsync();
        var candles = await h.SeedAsync(CrossAtLastBar());
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.StrategyExecute, body: $"{{\"id\":\"fast\",\"market\":\"{FlowHarness.Btc.Key}\"}}", headers: Trader);
        Assert.True(status == 200, body.ToString());
        var data = body.GetProperty("data");
        Assert.True(data.GetProperty("flow_started").GetBoolean());
        var signal = data.GetProperty("signal");
        Assert.Equal(("buy", candles[^1].OpenTime), (signal.GetProperty("action").GetString(), signal.GetProperty("candle_time").GetDateTimeOffset()));
        await h.WaitAsync(signal.GetProperty("id").GetString()!);

        (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.StrategyExecute, body: $"{{\"id\":\"fast\",\"market\":\"{FlowHarness.Btc.Key}\"}}", headers: Trader);
        Assert.Equal(200, status);
        Assert.False(body.GetProperty("data").GetProperty("flow_started").GetBoolean());
        Assert.Contains("exists already", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiRouteName.Activate, "{\"id\":\"Bad Id\"}", 400, "id")]
    [InlineData(ApiRouteName.Activate, "{\"id\":\"new-one\"}", 404, null)]
    [InlineData(ApiRouteName.Activate, "{\"id\":\"x\",\"strategy\":\"magic\"}", 400, "strategy")]
    [InlineData(ApiRouteName.Activate, "{\"id\":\"x\",\"strategy\":\"sma-cross\",\"parameters\":{\"fast\":1}}", 400, "parameters.fast")]
    [InlineData(ApiRouteName.Activate, "{\"id\":\"x\",\"strategy\":\"sma-cross\",\"markets\":[\"nowhere\"]}", 400, "markets[0]")]
    [InlineData(ApiRouteName.Activate, "{\"id\":\"x\",\"strategy\":\"sma-cross\",\"replaces\":\"ghost\"}", 404, null)]
    [InlineData(ApiRouteName.Deactivate, "{\"id\":\"ghost\"}", 404, null)]
    [InlineData(ApiRouteName.Execute, "{\"id\":\"fast\"}", 400, "market")]
    [InlineData(ApiRouteName.Execute, "{\"id\":\"fast\",\"market\":\"replay:ETHUSDT:1m\"}", 409, null)]
    public async Task Bad_changes_are_refused_with_the_field_and_change_nothing(ApiRouteName name, string json, int expected, string? field)
    {
        await using var h = await StartAsync();
        var route = name switch { ApiRouteName.Activate => ApiRoutes.StrategyActivate, ApiRouteName.Deactivate => ApiRoutes.StrategyDeactivate, _ => ApiRoutes.StrategyExecute };
        var (status, body) = await ApiCall.InvokeAsync(h, route, body: json, headers: Trader);
        Assert.True(status == expected, body.ToString());
        if (field is not null) Assert.Equal(field, body.GetProperty("details").GetProperty("field").GetString());
        Assert.Empty(await h.Get<IStrategyAssignmentStore>().ListAsync());
    }

    /// <summary>Which route a theory row calls.</summary>
    public enum ApiRouteName
    {
        /// <summary>activate.</summary>
        Activate,
        /// <summary>deactivate.</summary>
        Deactivate,
        /// <summary>execute.</summary>
        Execute,
    }
}
