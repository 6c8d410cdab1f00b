using Lyra.Testing;
using Lyra.Workflows.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Tests;

/// <summary>A bad or missing setting stops the host at start-up with a message naming it (the same registration both hosts use).</summary>
public sealed class ConfigurationTests
{
    private static async Task<OptionsValidationException> StartFailsAsync(IDictionary<string, string?> settings, string hostName = "local")
    {
        var config = await TestConfiguration.ForAzuriteAsync(Azurite.UniqueName(), settings);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLyraForTests(config, hostName);
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
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
    public async Task A_bad_setting_stops_start_up_naming_the_setting(string key, string value, string expected)
    {
        var e = await StartFailsAsync(new Dictionary<string, string?> { [key] = value });
        Assert.Contains(e.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_queue_prefix_is_refused_under_azure_functions()
    {
        var e = await StartFailsAsync(new Dictionary<string, string?>(), hostName: "functions");
        Assert.Contains(e.Failures, f => f.StartsWith("Lyra:Storage:QueuePrefix: must be empty under Azure Functions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_storage_names_the_settings_to_set()
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
    public async Task Defaults_are_valid_and_list_defaults_are_replaced_not_appended()
    {
        var config = await TestConfiguration.ForAzuriteAsync(Azurite.UniqueName(), new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "trend" });
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLyraForTests(config, "local");
        using var host = builder.Build();
        await host.StartAsync();
        Assert.Equal(["replay:BTCUSDT:1m"], host.Services.GetRequiredService<IOptions<Configuration.CollectOptions>>().Value.Markets);
        Assert.Equal(["trend"], host.Services.GetRequiredService<IOptions<Configuration.TradingOptions>>().Value.Voters);
        await host.StopAsync();
    }
}
