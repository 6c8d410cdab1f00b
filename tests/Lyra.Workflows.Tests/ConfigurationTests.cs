using Lyra.Testing;
using Lyra.Workflows.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Lyra.Workflows.Configuration;

namespace Lyra.Workflows.Tests;

/// <summary>
/// A bad or missing setting stops the host at start-up with a message naming it (the same registration both hosts use).
/// The checks are the start-up validation itself (<see cref="IStartupValidator"/>, what a host runs before it starts),
/// so they need neither a host nor storage.
/// </summary>
public sealed class ConfigurationTests
{
    private static IConfiguration Config(IDictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Lyra:Storage:ConnectionString"] = "UseDevelopmentStorage=true", // never connected to
            ["Lyra:MarketData:Source"] = "replay",
            ["Lyra:Collect:Markets:0"] = "replay:BTCUSDT:1m",
        };
        foreach (var (k, v) in settings) values[k] = v;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static ServiceProvider Services(IDictionary<string, string?> settings, string hostName = "local") =>
        new ServiceCollection().AddLogging().AddLyraForTests(Config(settings), hostName).BuildServiceProvider();

    private static (IReadOnlyList<string> Failures, Exception Thrown) StartFails(IDictionary<string, string?> settings, string hostName = "local")
    {
        using var services = Services(settings, hostName);
        var e = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());
        var failures = StartupFailures.Of(e);
        Assert.NotEmpty(failures);
        return (failures, e);
    }

    [Theory]
    [InlineData("Lyra:Collect:Markets:0", "BTCUSDT", "Lyra:Collect:Markets:0: 'BTCUSDT' is not a market")]
    [InlineData("Lyra:Collect:Schedule", "every minute", "Lyra:Collect:Schedule: 'every minute' is not a six-field NCRONTAB expression")]
    [InlineData("Lyra:Risk:MaxOpenPositions", "0", "Lyra:Risk:MaxOpenPositions:")]
    [InlineData("Lyra:Strategy:Name", "magic", "Lyra:Strategy:Name: unknown strategy 'magic'")]
    [InlineData("Lyra:Strategy:Parameters:fast", "500", "Lyra:Strategy:Parameters:fast: fast=500 is outside [2, 200]")]
    [InlineData("Lyra:Trading:Voters:0", "oracle", "Lyra:Trading:Voters:0: unknown voter 'oracle'")]
    [InlineData("Lyra:Trading:Exchange", "gateio", "Lyra:Trading:Exchange:")]
    [InlineData("Lyra:MarketData:Source", "ftp", "Lyra:MarketData:Source: must be 'binance' or 'replay'")]
    [InlineData("Lyra:MarketData:ReplayFile", "/nonexistent/file.csv", "Lyra:MarketData:ReplayFile: file '/nonexistent/file.csv' does not exist")]
    [InlineData("Lyra:Consensus:MinAgreement", "0.2", "Lyra:Consensus:MinAgreement:")]
    [InlineData("Lyra:Paper:FeeRate", "0.5", "Lyra:Paper:FeeRate:")]
    [InlineData("Lyra:Storage:TablePrefix", "my_tables", "Lyra:Storage:TablePrefix: 'my_tables' must be")]
    [InlineData("Lyra:Ai:DailyBudgetUsd", "-1", "Lyra:Ai:DailyBudgetUsd:")]
    [InlineData("Lyra:Ai:ModelBudgets:0:Model", "acme/unknown", "Lyra:Ai:ModelBudgets:0:Model: 'acme/unknown' is not a model on the panel")]
    [InlineData("Lyra:OpenRouter:Roles:3", "a poet", "Lyra:OpenRouter:Roles:3: there is no Models:3")]
    [InlineData("Lyra:OpenRouter:ApiKeys:0", " ", "Lyra:OpenRouter:ApiKeys:0: is empty")]
    [InlineData("Lyra:OpenRouter:BaseUrl", "not a url", "Lyra:OpenRouter:BaseUrl:")]
    [InlineData("Lyra:Collect:Markets:0", "gateio:BTCUSDT:1m", "Lyra:Collect:Markets:0: 'gateio:BTCUSDT:1m' trades on gateio, which is not enabled")]
    [InlineData("Lyra:Collect:Markets:0", "bitstamp:BTC_USDT:1m", "Lyra:Collect:Markets:0: 'bitstamp:BTC_USDT:1m' trades on bitstamp, but candles come from replay")]
    [InlineData("Lyra:Exchanges:gateio2:Enabled", "true", "Lyra:Exchanges:gateio2: there is no connector for 'gateio2'")]
    [InlineData("Lyra:Exchanges:gateio:BaseUrl", "api.gateio.ws", "Lyra:Exchanges:gateio:BaseUrl: 'api.gateio.ws' is not an absolute http(s) address")]
    [InlineData("Lyra:Exchanges:gateio:ApiKey", "k", "Lyra:Exchanges:gateio: ApiKey and ApiSecret go together")]
    [InlineData("Lyra:Exchanges:gateio:TimeoutSeconds", "0", "Lyra:Exchanges:gateio:TimeoutSeconds: 0 is outside 0.1..120")]
    [InlineData("Lyra:Paper:Imitate", "bitstamp", "Lyra:Paper:Imitate: 'bitstamp' is not a venue Lyra connects to")]
    [InlineData("Lyra:Paper:Imitate", "okx", "Lyra:Paper:Imitate: okx must be enabled (Lyra:Exchanges:okx:Enabled=true)")]
    [InlineData("Lyra:Trading:Exchange", "live", "Lyra:Trading:Exchange: live, but Lyra:Collect:Markets:0 'replay:BTCUSDT:1m' is on replay, which Lyra reads data from but cannot trade on")]
    public void A_bad_setting_stops_start_up_naming_the_setting(string key, string value, string expected)
    {
        var (e, _) = StartFails(new Dictionary<string, string?> { [key] = value });
        Assert.Contains(e, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bitstamp:BTC_USDT:1m", "trades on bitstamp, but candles come from binance (Lyra:MarketData:Source)")]
    [InlineData("replay:BTCUSDT:1m", "trades on replay, but candles come from binance (Lyra:MarketData:Source)")]
    [InlineData("gateio:BTC_USDT:1m", "trades on gateio, which is not enabled (set Lyra:Exchanges:gateio:Enabled=true")]
    public void A_market_the_binance_source_does_not_serve_is_refused(string market, string why)
    {
        var (e, _) = StartFails(new Dictionary<string, string?> { ["Lyra:MarketData:Source"] = "binance", ["Lyra:Collect:Markets:0"] = "binance:BTCUSDT:1m", ["Lyra:Collect:Markets:1"] = market });
        var failure = Assert.Single(e, f => f.StartsWith("Lyra:Collect:Markets:", StringComparison.Ordinal));
        Assert.StartsWith($"Lyra:Collect:Markets:1: '{market}' {why}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_okx_key_needs_its_passphrase()
    {
        var (e, _) = StartFails(new Dictionary<string, string?> { ["Lyra:Exchanges:okx:ApiKey"] = "k", ["Lyra:Exchanges:okx:ApiSecret"] = "s" });
        Assert.Contains("Lyra:Exchanges:okx:Passphrase: an OKX key needs its passphrase (lyra vault set Lyra:Exchanges:okx:Passphrase)", e);
    }

    [Fact]
    public void An_enabled_venue_serves_its_markets_and_live_mode_needs_its_keys()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Lyra:Collect:Markets:0"] = "gateio:BTC_USDT:1m", ["Lyra:Exchanges:gateio:Enabled"] = "true",
        };
        using (var paper = Services(settings)) paper.GetRequiredService<IStartupValidator>().Validate();

        settings["Lyra:Trading:Exchange"] = "live";
        var (e, thrown) = StartFails(settings);
        Assert.Equal(["Lyra:Exchanges:gateio:ApiKey: live trading on gateio needs its ApiKey and ApiSecret (lyra vault set Lyra:Exchanges:gateio:ApiKey)"], e);

        settings["Lyra:Exchanges:gateio:ApiKey"] = "PLANTED-key-0000";
        settings["Lyra:Exchanges:gateio:ApiSecret"] = "PLANTED-secret-0000";
        using var live = Services(settings);
        live.GetRequiredService<IStartupValidator>().Validate();
        Assert.DoesNotContain("PLANTED", thrown.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binance", "binance:BTCUSDT:1m")]
    [InlineData("replay", "replay:BTCUSDT:1m")]
    public void Without_markets_the_default_market_is_on_the_sources_venue(string source, string expected)
    {
        using var services = new ServiceCollection().AddLogging()
            .AddLyraForTests(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Lyra:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["Lyra:MarketData:Source"] = source,
            }).Build(), "local")
            .BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal([expected], services.GetRequiredService<IOptions<Configuration.CollectOptions>>().Value.Markets);
    }

    [Fact]
    public void A_queue_prefix_is_refused_under_azure_functions()
    {
        var (e, _) = StartFails(new Dictionary<string, string?> { ["Lyra:Storage:QueuePrefix"] = "t-" }, hostName: "functions");
        Assert.Contains(e, f => f.StartsWith("Lyra:Storage:QueuePrefix: must be empty under Azure Functions", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_storage_names_the_settings_to_set()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lyra:MarketData:Source"] = "replay" }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLyraForTests(config, "local");
        using var host = builder.Build();
        var e = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<Lyra.Storage.Tables.TableProvider>());
        Assert.Contains("Lyra:Storage:ConnectionString", e.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid_and_list_defaults_are_replaced_not_appended()
    {
        using var services = Services(new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "trend" });
        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(["replay:BTCUSDT:1m"], services.GetRequiredService<IOptions<Configuration.CollectOptions>>().Value.Markets);
        Assert.Equal(["trend"], services.GetRequiredService<IOptions<Configuration.TradingOptions>>().Value.Voters);
    }

    [Fact]
    public async Task A_host_runs_the_same_validation_before_it_starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLyraForTests(Config(new Dictionary<string, string?> { ["Lyra:Collect:Markets:0"] = "gateio:BTCUSDT:1m" }), "local");
        using var host = builder.Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(e.Failures, f => f.StartsWith("Lyra:Collect:Markets:0: 'gateio:BTCUSDT:1m' trades on gateio", StringComparison.Ordinal));
    }
}
