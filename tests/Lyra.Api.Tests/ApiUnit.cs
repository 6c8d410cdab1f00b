using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Lyra.Api.Routing;
using Lyra.Core.Health;
using Lyra.Risk.KillSwitch;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>
/// The real dispatcher and handlers without a host, a durable engine or storage: for input validation, which must answer
/// before anything is read or written. Storage points at a closed loopback port without retries, and the durable client
/// refuses every call, so a handler that touches either before validating fails the test instead of passing slowly.
/// </summary>
internal sealed class ApiUnit : IDisposable
{
    private readonly ServiceProvider _services;

    private ApiUnit(ServiceProvider services) => _services = services;

    /// <summary>The kill-switch store, recording writes.</summary>
    public SpyTradingState TradingState { get; } = new();

    /// <summary>Builds the services; <paramref name="configure"/> may replace more of them.</summary>
    public static ApiUnit Create(Action<IServiceCollection>? configure = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lyra:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Lyra:MarketData:Source"] = "replay",
        }).Build();
        ApiUnit? unit = null;
        var services = new ServiceCollection().AddLogging().AddLyraForTests(config).AddLyraApi();
        services.AddSingleton<Lyra.Security.Access.IAccessControl>(Lyra.Security.Access.ApiKeyAccessControl.NoAuth);
        services.AddSingleton<IConfiguration>(config); // as both hosts register their configuration
        var closed = new Uri("http://127.0.0.1:9/devstoreaccount1"); // the discard port: nothing listens
        services.AddSingleton(new TableServiceClient(closed, new AzureSasCredential("sv=unit"), new TableClientOptions { Retry = { MaxRetries = 0 } }));
        services.AddSingleton(new QueueServiceClient(closed, new AzureSasCredential("sv=unit"), new QueueClientOptions { Retry = { MaxRetries = 0 } }));
        services.AddSingleton<ITradingStateStore>(_ => unit!.TradingState);
        configure?.Invoke(services);
        unit = new ApiUnit(services.BuildServiceProvider());
        return unit;
    }

    /// <summary>Calls <paramref name="route"/> through a real HTTP context.</summary>
    public Task<(int Status, JsonElement Body)> CallAsync(ApiRoute route, string query = "", string? body = null, string? id = null,
        IReadOnlyDictionary<string, string>? headers = null) =>
        ApiCall.InvokeAsync(_services.GetRequiredService<ApiDispatcher>(), NoEngine.Instance, route, query, body, id, headers);

    /// <summary>
    /// Asserts that <paramref name="route"/> refuses <paramref name="json"/> with a 400 naming <paramref name="field"/>,
    /// before anything reaches storage or the durable engine (neither answers here).
    /// </summary>
    public static async Task AssertRefusedAsync(ApiRoute route, string json, string field)
    {
        using var api = Create();
        var (status, body) = await api.CallAsync(route, body: json);
        Assert.Equal(400, status);
        Assert.Equal(field, body.GetProperty("details").GetProperty("field").GetString());
    }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();

    /// <summary>A kill-switch store in memory that counts its writes.</summary>
    internal sealed class SpyTradingState : ITradingStateStore
    {
        private TradingState? _state;

        public int Writes { get; private set; }

        public Task<TradingState> GetAsync(bool enabledByDefault, CancellationToken cancellationToken = default) =>
            Task.FromResult(_state ?? new TradingState(enabledByDefault, null, null));

        public Task<TradingState> SetAsync(bool enabled, string? reason, CancellationToken cancellationToken = default)
        {
            Writes++;
            _state = new TradingState(enabled, DateTimeOffset.UnixEpoch, reason);
            return Task.FromResult(_state);
        }
    }

    private sealed class NoEngine : ITradeFlowClient
    {
        public static readonly NoEngine Instance = new();

        private static InvalidOperationException Used() => new("a validation path reached the durable engine");

        public Task<bool> StartTradeFlowAsync(TradeFlowInput input, CancellationToken cancellationToken = default) => throw Used();

        public Task EnsurePositionMonitorAsync(string instanceId, MonitorInput input, CancellationToken cancellationToken = default) => throw Used();

        public Task RaisePriceTickAsync(string instanceId, PriceTick tick, CancellationToken cancellationToken = default) => throw Used();

        public Task RaiseApprovalAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default) => throw Used();

        public Task<bool> StartGridAsync(GridInput input, CancellationToken cancellationToken = default) => throw Used();

        public Task<bool> StartArbitrageAsync(ArbitrageInput input, CancellationToken cancellationToken = default) => throw Used();

        public Task StopGridAsync(string gridId, string by, CancellationToken cancellationToken = default) => throw Used();

        public Task<FlowState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default) => throw Used();

        public Task<ModuleHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => throw Used();
    }
}
