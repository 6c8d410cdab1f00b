using DurableTask.AzureStorage;
using DurableTask.Core;
using Lyra.Workflows.Hosting;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CoreActivity = DurableTask.Core.TaskActivity;
using CoreOrchestration = DurableTask.Core.TaskOrchestration;

namespace Lyra.Cli.Hosting;

/// <summary>
/// The durable engine of <c>lyra run</c>: DurableTask.Core's <see cref="TaskHubWorker"/> over the Azure Storage provider,
/// running Lyra.Workflows' orchestrators (<see cref="TradeFlowOrchestrator"/>, the position monitor) and activities through <see cref="DurableTaskShimFactory"/>.
/// </summary>
public sealed class DurableTaskCoreEngine(IServiceProvider services, string connectionString, string taskHub, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private AzureStorageOrchestrationService? _service;
    private TaskHubWorker? _worker;

    /// <summary>Client of the task hub (valid after start).</summary>
    public TaskHubClient Client { get; private set; } = null!;

    /// <summary>Task hub name.</summary>
    public string TaskHub { get; } = taskHub;

    /// <summary>Orchestration names registered.</summary>
    public IReadOnlyList<string> Orchestrations { get; } = [.. LyraServiceCollectionExtensions.OrchestratorTypes.Keys];

    /// <summary>Activity names registered.</summary>
    public IReadOnlyList<string> Activities { get; } = [.. LyraServiceCollectionExtensions.ActivityTypes.Keys];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = TaskHub,
            // Local and test runs want snappy flows more than cheap polling; extended sessions keep a running orchestration's
            // history in memory between its steps instead of reloading it from the history table (about 20 % off a replay).
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(25),
            // One worker, one partition: one control queue to poll instead of four (idle polling is most of an idle
            // host's storage traffic). The task hub keeps the count it was created with.
            PartitionCount = 1,
            ExtendedSessionsEnabled = true,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(30),
            LoggerFactory = loggerFactory,
        };
        _service = new AzureStorageOrchestrationService(settings);
        await _service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        _worker = new TaskHubWorker(_service, loggerFactory);
        foreach (var (name, type) in LyraServiceCollectionExtensions.OrchestratorTypes)
        {
            _worker.AddTaskOrchestrations(new ShimCreator<CoreOrchestration>(name, () =>
                shims.CreateOrchestration(name, (Microsoft.DurableTask.ITaskOrchestrator)services.GetRequiredService(type))));
        }
        foreach (var (name, type) in LyraServiceCollectionExtensions.ActivityTypes)
        {
            _worker.AddTaskActivities(new ShimCreator<CoreActivity>(name, () =>
                shims.CreateActivity(name, (Microsoft.DurableTask.ITaskActivity)services.GetRequiredService(type))));
        }

        await _worker.StartAsync();
        Client = new TaskHubClient(_service, loggerFactory: loggerFactory);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null) await _worker.StopAsync(isForced: true);
        _worker = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _service?.Dispose();
    }

    /// <summary>Hands DurableTask.Core a fresh shim per execution, registered under the task name with an empty version.</summary>
    private sealed class ShimCreator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public ShimCreator(string name, Func<T> create)
        {
            Name = name;
            Version = "";
            _create = create;
        }

        public override T Create() => _create();
    }
}
