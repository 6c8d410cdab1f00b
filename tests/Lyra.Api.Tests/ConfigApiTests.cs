using System.Text.Json;
using Lyra.Api.Routing;
using Lyra.Core.Options;
using Lyra.Risk.Gate;
using Lyra.Security.Audit;
using Lyra.Testing;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Tests;

/// <summary>GET /api/config/settings and /validate, POST /api/config/update: the run-time subset, validated, audited, kept.</summary>
public sealed class ConfigApiTests
{
    private const string Planted = "PLANTED-config-secret-0123456789";
    private const string Buy = "{\"market\":\"replay:BTCUSDT:1m\",\"action\":\"buy\"}";

    [Fact]
    public async Task A_risk_limit_changed_at_run_time_sizes_the_next_decision_is_audited_and_kept()
    {
        await using var h = await ApiHarness.StartAsync();
        await h.SeedAsync(Enumerable.Range(0, 40).Select(i => 100m + i).ToList());
        var before = (await ApiCall.InvokeAsync(h, ApiRoutes.RiskAssess, body: Buy)).Body.GetProperty("data").GetProperty("quantity").GetDecimal();

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.ConfigUpdate,
            body: "{\"settings\":{\"Lyra:Risk:MaxPositionPercent\":5,\"Lyra:Consensus:Weights:momentum\":\"1.5\"},\"reason\":\"tighter after the drawdown\"}");
        Assert.True(status == 200, body.GetRawText());
        var changed = body.GetProperty("data").GetProperty("changed").EnumerateArray().Select(c => (c.GetProperty("key").GetString(), c.GetProperty("after").GetString())).ToList();
        Assert.Equal([("Lyra:Consensus:Weights:momentum", "1.5"), ("Lyra:Risk:MaxPositionPercent", "5")], changed);

        // In force from the next use: the options, the gate's sizing (half the position), the settings list.
        Assert.Equal(5m, h.Get<IOptionsMonitor<RiskLimits>>().CurrentValue.MaxPositionPercent);
        Assert.Equal(1.5, h.Get<IOptionsMonitor<Lyra.Ai.Consensus.ConsensusOptions>>().CurrentValue.Weights["momentum"]);
        var after = (await ApiCall.InvokeAsync(h, ApiRoutes.RiskAssess, body: Buy)).Body.GetProperty("data").GetProperty("quantity").GetDecimal();
        Assert.InRange(after, before * 0.49m, before * 0.51m);
        var settings = await SettingsAsync(h);
        Assert.Equal(("5", "runtime"), settings["Lyra:Risk:MaxPositionPercent"]);
        Assert.Equal(("3", "default"), settings["Lyra:Risk:MaxOpenPositions"]);

        // Kept: a restarted host reads them back before it serves anything.
        var kept = await h.Get<IRuntimeSettingsStore>().LoadAsync();
        Assert.Equal("5", kept.Values["Lyra:Risk:MaxPositionPercent"]);
        using var restarted = new RuntimeSettings();
        Assert.True(await new RuntimeSettingsUpdater(restarted, h.Get<IRuntimeSettingsStore>(), [], TimeProvider.System).RefreshAsync());
        Assert.Equal("1.5", restarted.Current.Values["Lyra:Consensus:Weights:momentum"]);

        var (_, audit) = await ApiCall.InvokeAsync(h, ApiRoutes.SecurityAudit, "?kind=config");
        var entry = Assert.Single(audit.GetProperty("data").GetProperty("entries").EnumerateArray());
        Assert.Equal("Lyra:Consensus:Weights:momentum: (default) -> 1.5; Lyra:Risk:MaxPositionPercent: (default) -> 5 (tighter after the drawdown)", entry.GetProperty("detail").GetString());
        Assert.Equal(("local", "no-auth"), (entry.GetProperty("actor").GetString(), entry.GetProperty("via").GetString()));

        // A null puts the configured value back.
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.ConfigUpdate, body: "{\"settings\":{\"Lyra:Risk:MaxPositionPercent\":null}}")).Status);
        Assert.Equal(10m, h.Get<IOptionsMonitor<RiskLimits>>().CurrentValue.MaxPositionPercent);
    }

    [Theory]
    [InlineData("{\"settings\":{\"Lyra:Risk:MaxPositionPercent\":250}}", "Lyra:Risk:MaxPositionPercent", "MaxPositionPercent")]
    [InlineData("{\"settings\":{\"Lyra:Risk:MaxPositionPercent\":\"ten\"}}", "Lyra:Risk:MaxPositionPercent", "ten")]
    [InlineData("{\"settings\":{\"Lyra:Trading:Exchange\":\"live\"}}", "Lyra:Trading:Exchange", "cannot change while Lyra runs")]
    [InlineData("{\"settings\":{\"Lyra:Risk:NoSuchLimit\":1}}", "Lyra:Risk:NoSuchLimit", "not a setting Lyra knows")]
    [InlineData("{\"settings\":{\"Lyra:Consensus:Weights:momentum\":50}}", "Lyra:Consensus:Weights:momentum", "outside")]
    [InlineData("{\"settings\":{}}", "settings", "at least one")]
    [InlineData("{\"reason\":\"x\"}", "settings", "settings is required")]
    public async Task A_refused_update_names_the_setting_and_keeps_nothing(string json, string field, string says)
    {
        await using var h = await ApiHarness.StartAsync();
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.ConfigUpdate, body: json);
        Assert.Equal(400, status);
        Assert.Equal(field, body.GetProperty("details").GetProperty("field").GetString());
        Assert.Contains(says, body.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await h.Get<IRuntimeSettingsStore>().LoadAsync()).Values);
        Assert.Equal(10m, h.Get<IOptionsMonitor<RiskLimits>>().CurrentValue.MaxPositionPercent);
    }

    [Fact]
    public async Task Settings_name_their_source_and_mask_secrets_and_validate_passes_every_section()
    {
        await using var h = await ApiHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Lyra:Exchanges:gateio:ApiSecret"] = Planted,
            ["Lyra:Exchanges:gateio:ApiKey"] = Planted + "-key",
            ["Lyra:OpenRouter:ApiKeys:0"] = Planted + "-or",
        });
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.ConfigSettings);
        Assert.Equal(200, status);
        Assert.DoesNotContain(Planted, body.GetRawText(), StringComparison.Ordinal);
        var settings = await SettingsAsync(h);
        Assert.Equal("****6789", settings["Lyra:Exchanges:gateio:ApiSecret"].Value);
        Assert.Equal("****9-or", settings["Lyra:OpenRouter:ApiKeys:0"].Value);
        Assert.Equal("****-key", settings["Lyra:Exchanges:gateio:ApiKey"].Value);
        Assert.Equal(("replay", "host"), settings["Lyra:MarketData:Source"]);
        Assert.Contains("Lyra:Risk:*", body.GetProperty("data").GetProperty("changeable").EnumerateArray().Select(c => c.GetString()));

        var (vs, validation) = await ApiCall.InvokeAsync(h, ApiRoutes.ConfigValidate);
        Assert.Equal(200, vs);
        Assert.True(validation.GetProperty("data").GetProperty("valid").GetBoolean(), validation.GetRawText());
        Assert.Contains("Lyra:Risk", validation.GetProperty("data").GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("section").GetString()));
    }

    private static async Task<Dictionary<string, (string Value, string Source)>> SettingsAsync(FlowHarness h)
    {
        var (_, body) = await ApiCall.InvokeAsync(h, ApiRoutes.ConfigSettings);
        return body.GetProperty("data").GetProperty("settings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("key").GetString()!, s => (s.GetProperty("value").GetString()!, s.GetProperty("source").GetString()!));
    }
}
