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
/// running Lyra.Workflows' <see cref="TradeFlowOrchestrator"/> and activities through <see cref="DurableTaskShimFactory"/>.
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
    public IReadOnlyList<string> Orchestrations { get; } = TaskNames.Orchestrations;

    /// <summary>Activity names registered.</summary>
    public IReadOnlyList<string> Activities { get; } = [.. LyraServiceCollectionExtensions.ActivityTypes.Keys];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = TaskHub,
            // Local and test runs want snappy flows more than cheap polling.
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
            LoggerFactory = loggerFactory,
        };
        _service = new AzureStorageOrchestrationService(settings);
        await _service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        _worker = new TaskHubWorker(_service, loggerFactory);
        _worker.AddTaskOrchestrations(new OrchestrationCreator(TaskNames.TradeFlow, () =>
            shims.CreateOrchestration(TaskNames.TradeFlow, services.GetRequiredService<TradeFlowOrchestrator>())));
        foreach (var (name, type) in LyraServiceCollectionExtensions.ActivityTypes)
        {
            _worker.AddTaskActivities(new ActivityCreator(name, () =>
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

    private sealed class OrchestrationCreator : ObjectCreator<CoreOrchestration>
    {
        private readonly Func<CoreOrchestration> _create;

        public OrchestrationCreator(string name, Func<CoreOrchestration> create)
        {
            Name = name;
            Version = "";
            _create = create;
        }

        public override CoreOrchestration Create() => _create();
    }

    private sealed class ActivityCreator : ObjectCreator<CoreActivity>
    {
        private readonly Func<CoreActivity> _create;

        public ActivityCreator(string name, Func<CoreActivity> create)
        {
            Name = name;
            Version = "";
            _create = create;
        }

        public override CoreActivity Create() => _create();
    }
}
