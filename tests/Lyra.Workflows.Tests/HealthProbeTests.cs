using Lyra.Ai.Performance;
using Lyra.Ai.Voting;
using Lyra.Core.Health;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Lyra.Ai.Health;
using Lyra.Exchanges.Health;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Workflows.Tests;

/// <summary>The exchange and voters probes, as registered for both hosts, measure: reachability with a timed round trip, and recent error rates.</summary>
public sealed class HealthProbeTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task<ServiceProvider> ServicesAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IVoter>(new ScriptedVoter("a", TradeAction.Buy, 0.9));
        services.AddSingleton<IVoter>(new ScriptedVoter("b", TradeAction.Buy, 0.9));
        services.AddLyraForTests(await TestConfiguration.ForAzuriteAsync(Azurite.UniqueName(), values));
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    // The probe as both hosts register it.
    private static Task<ModuleHealth> ProbeAsync<T>(IServiceProvider services) where T : IHealthProbe =>
        services.GetServices<IHealthProbe>().OfType<T>().Single().CheckAsync();

    private static OrderResult Order(int i, OrderStatus status) =>
        new($"c{i}", $"x{i}", "replay:BTCUSDT:1m", TradeAction.Buy, status, 1m, status == OrderStatus.Filled ? 1m : 0m, 100m, 0m, T0.AddMinutes(i),
            status == OrderStatus.Rejected ? "insufficient balance" : null);

    [Fact]
    public async Task The_paper_venue_is_degraded_until_its_market_has_a_price_and_then_healthy_with_a_measured_round_trip()
    {
        await using var services = await ServicesAsync();
        var before = await ProbeAsync<ExchangeHealthProbe>(services);
        Assert.Equal(ModuleHealth.Degraded, before.Status);
        Assert.Contains("a price for 0 of 1 market(s)", before.Detail, StringComparison.Ordinal);

        await services.GetRequiredService<Lyra.Data.Candles.ICandleStore>().UpsertAsync(Lyra.Data.Markets.Market.Parse("replay:BTCUSDT:1m"), TestCandles.FromCloses([100m, 101m]));
        var after = await ProbeAsync<ExchangeHealthProbe>(services);
        Assert.Equal(ModuleHealth.Healthy, after.Status);
        Assert.StartsWith("paper: a price for 1 of 1 market(s) in ", after.Detail, StringComparison.Ordinal);
        Assert.EndsWith("0 of the last 0 order(s) rejected", after.Detail, StringComparison.Ordinal);
        Assert.True(after.LatencyMs > 0, "the probe made no round trip");
    }

    [Fact]
    public async Task Mostly_rejected_recent_orders_make_the_venue_degraded()
    {
        await using var services = await ServicesAsync();
        await services.GetRequiredService<Lyra.Data.Candles.ICandleStore>().UpsertAsync(Lyra.Data.Markets.Market.Parse("replay:BTCUSDT:1m"), TestCandles.FromCloses([100m, 101m]));
        var orders = services.GetRequiredService<IOrderStore>();
        for (var i = 0; i < 3; i++) await orders.SaveAsync(Order(i, OrderStatus.Filled), T0.AddMinutes(i), $"d{i}");
        Assert.Equal(ModuleHealth.Healthy, (await ProbeAsync<ExchangeHealthProbe>(services)).Status);

        for (var i = 3; i < 7; i++) await orders.SaveAsync(Order(i, OrderStatus.Rejected), T0.AddMinutes(i), $"d{i}");
        var health = await ProbeAsync<ExchangeHealthProbe>(services);
        Assert.Equal(ModuleHealth.Degraded, health.Status);
        Assert.EndsWith("4 of the last 7 order(s) rejected", health.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_venue_is_unhealthy()
    {
        await using var services = await ServicesAsync(configure: s => s.AddSingleton<IExchange>(new Unreachable()));
        var health = await ProbeAsync<ExchangeHealthProbe>(services);
        Assert.Equal(ModuleHealth.Unhealthy, health.Status);
        Assert.Equal("down: unreachable (HttpRequestException)", health.Detail);
    }

    [Fact]
    public async Task A_voter_failing_recently_takes_the_panel_below_quorum_and_recovering_brings_it_back()
    {
        await using var services = await ServicesAsync();
        var record = services.GetRequiredService<IVoterPerformanceStore>();
        Assert.Equal(ModuleHealth.Healthy, (await ProbeAsync<VotersHealthProbe>(services)).Status);

        for (var i = 0; i < 5; i++)
        {
            await record.RecordVotesAsync($"d{i}",
            [
                new Vote("a", TradeAction.Hold, 0, "", "failed with HTTP 500", Abstained: true),
                new Vote("b", TradeAction.Buy, 0.8, "1h", "up", LatencyMs: 12),
            ]);
        }

        var failing = await ProbeAsync<VotersHealthProbe>(services);
        Assert.Equal(ModuleHealth.Unhealthy, failing.Status); // quorum 2, one voter working
        Assert.Contains("a: 100% errors over the last 5 calls", failing.Detail, StringComparison.Ordinal);
        Assert.StartsWith("1 of 2 voter(s) working, quorum 2", failing.Detail, StringComparison.Ordinal);

        for (var i = 5; i < 15; i++)
        {
            await record.RecordVotesAsync($"d{i}", [new Vote("a", TradeAction.Buy, 0.8, "1h", "up", LatencyMs: 20), new Vote("b", TradeAction.Buy, 0.8, "1h", "up", LatencyMs: 12)]);
        }

        var recovered = await ProbeAsync<VotersHealthProbe>(services);
        Assert.Equal(ModuleHealth.Healthy, recovered.Status);
        Assert.Contains("a: 33% errors over the last 15 calls, p95 20 ms", recovered.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_llm_panel_whose_model_list_is_unreachable_is_degraded()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ModelsStatus = 500;
        await using var services = await ServicesAsync(server.PanelSettings("a", "b", "llm:acme/alpha"));
        var health = await ProbeAsync<VotersHealthProbe>(services);
        Assert.Equal(ModuleHealth.Degraded, health.Status);
        Assert.Contains("model list unreachable", health.Detail, StringComparison.Ordinal);
        Assert.True(server.ModelListRequests >= 1, "the probe did not ask for the model list");

        server.ModelsStatus = 200;
        await using var healthy = await ServicesAsync(server.PanelSettings("a", "b", "llm:acme/alpha"));
        var ok = await ProbeAsync<VotersHealthProbe>(healthy);
        Assert.Equal(ModuleHealth.Healthy, ok.Status);
        Assert.Contains("model list reachable", ok.Detail, StringComparison.Ordinal);
    }

    private sealed class Unreachable : IExchange
    {
        public string Name => "down";

        public Task<OrderResult> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default) => throw new HttpRequestException("connection refused");

        public Task<VenueCheck> CheckAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default) => throw new HttpRequestException("connection refused");

        public Task<OrderResult?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default) => throw new HttpRequestException("connection refused");

        public Task<OrderResult?> CancelOrderAsync(string clientOrderId, CancellationToken cancellationToken = default) => throw new HttpRequestException("connection refused");
    }
}
