using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Lyra.Workflows.Application;
using Lyra.Data.Updates;
using Lyra.Storage.Queues;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyra.Cli.Hosting;

/// <summary>
/// The local twin of the <c>GenerateSignals</c> queue trigger: polls <c>market-updates</c>, hands each message to the
/// <see cref="SignalGenerator"/>, deletes it on success, makes it visible again soon on failure and, as Azure Functions
/// does, moves it to <c>market-updates-poison</c> after <see cref="QueueNames.MaxDequeueCount"/> attempts.
/// </summary>
public sealed partial class MarketUpdateListener(LyraQueues queues, SignalGenerator generator, ITradeFlowClient flows, ILogger<MarketUpdateListener> logger)
    : BackgroundService
{
    /// <summary>The function this service stands in for.</summary>
    public const string FunctionName = "GenerateSignals";

    private readonly QueueClient _queue = queues.MarketUpdates;
    private readonly QueueClient _poison = queues.MarketUpdatesPoison;
    private const int BatchSize = 16;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _handledSignal = new(0);
    private long _handled;

    /// <summary>The queue listened to (before the configured prefix), the same as the Functions trigger's.</summary>
    public const string QueueName = QueueNames.MarketUpdates;

    /// <summary>The queue actually polled (with the prefix).</summary>
    public string ActualQueueName => _queue.Name;

    /// <summary>Messages finished (processed, rejected as malformed, or moved to poison).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Waits until at least <paramref name="count"/> messages were handled (the replay's step), without polling.</summary>
    public async Task WaitHandledAsync(long count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Handled < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"the market-updates listener did not handle message {count} within {timeout.TotalSeconds:0} s");
            await _handledSignal.WaitAsync(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Skips the idle wait (a message was just sent).</summary>
    public void Wake() => _wake.Release();

    /// <summary>Creates the queues before the host reports started, so senders never race the listener.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await _queue.ReceiveMessagesAsync(BatchSize, TimeSpan.FromSeconds(30), stoppingToken)).Value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One line, not a stack trace: a storage outage is reported (and acted on) by the storage watchdog.
                LogReceiveFailed(logger, e.GetType().Name, e.Message);
                batch = [];
            }

            if (batch.Length == 0)
            {
                // Back off while idle (up to 1 s), but wake at once when told a message was sent.
                await _wake.WaitAsync(idle, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                idle = TimeSpan.FromMilliseconds(Math.Min(1000, idle.TotalMilliseconds * 2));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(50);
            foreach (var m in batch) await HandleAsync(m, stoppingToken);
            // A short batch emptied the queue: wait for the next message (or the idle back-off) instead of asking again at once.
            if (batch.Length < BatchSize) await _wake.WaitAsync(idle, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var body = message.Body.ToString();
        if (message.DequeueCount > QueueNames.MaxDequeueCount)
        {
            await _poison.SendMessageAsync(body, ct);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            LogPoisoned(logger, message.MessageId, message.DequeueCount);
            Interlocked.Increment(ref _handled);
            _handledSignal.Release();
            return;
        }

        try
        {
            await generator.HandleAsync(body, message.MessageId, flows, ct);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            Interlocked.Increment(ref _handled);
            _handledSignal.Release();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHandleFailed(logger, message.MessageId, message.DequeueCount, e.GetType().Name, e.Message);
            LogHandleFailedDetail(logger, e, message.MessageId);
            try
            {
                await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: ct);
            }
            catch (Exception inner) when (inner is not OperationCanceledException)
            {
                LogReceiveFailed(logger, inner.GetType().Name, inner.Message);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _wake.Dispose();
        _handledSignal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "market-updates: {Error}: {Message}")]
    private static partial void LogReceiveFailed(ILogger logger, string error, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling message {MessageId} failed (attempt {Attempt}; it will be retried): {Error}: {Message}")]
    private static partial void LogHandleFailed(ILogger logger, string messageId, long attempt, string error, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handling message {MessageId} failed")]
    private static partial void LogHandleFailedDetail(ILogger logger, Exception e, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} failed {Attempts} times; moved to market-updates-poison")]
    private static partial void LogPoisoned(ILogger logger, string messageId, long attempts);
}
