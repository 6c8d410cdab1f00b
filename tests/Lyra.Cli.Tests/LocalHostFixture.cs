using Lyra.Cli.Hosting;
using Lyra.Security.Access;
using Lyra.Testing;
using Lyra.Testing.Flows;
using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Cli.Tests;

/// <summary>A running local host (Kestrel on a free port, DurableTask.Core over the shared Azurite) with its own tables, queues and task hub.</summary>
internal sealed class RunningHost : IFlowEngineUnderTest
{
    private RunningHost(WebApplication app, HttpClient http, string key)
    {
        App = app;
        Http = http;
        Key = key;
    }

    /// <summary>The host's API key.</summary>
    public string Key { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public ITradeFlowClient Client => Get<ITradeFlowClient>();

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<RunningHost> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var name = Azurite.UniqueName("h");
        var overrides = new Dictionary<string, string?>
        {
            ["Lyra:Storage:TablePrefix"] = name,
            ["Lyra:Storage:QueuePrefix"] = name + "-",
            ["Lyra:MarketData:Source"] = "replay",
            ["Lyra:Collect:Markets:0"] = "replay:BTCUSDT:1m",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) overrides[k] = v;
        var key = ApiKey.Generate();
        var app = LocalHost.Build(new LocalHostSettings
        {
            StorageConnectionString = await Azurite.GetConnectionStringAsync(),
            Access = new ApiKeyAccessControl(ApiKey.Hash(key)),
            Port = 0,
            TaskHub = name,
            Overrides = overrides,
            ScheduleCollector = false,
            ConfigureServices = configure,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Add(ApiKey.Header, key);
        return new RunningHost(app, http, key);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
