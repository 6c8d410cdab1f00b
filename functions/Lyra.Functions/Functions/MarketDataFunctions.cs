using Azure.Storage.Queues.Models;
using Lyra.Workflows.Application;
using Lyra.Data.Updates;
using Lyra.Workflows.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyra.Functions.Functions;

/// <summary>The market-data timer and the signal queue trigger.</summary>
public sealed class MarketDataFunctions(MarketDataCollector collector, SignalGenerator signals)
{
    /// <summary>Collects closed candles on the schedule in the app setting <c>Lyra__Collect__Schedule</c>.</summary>
    [Function("CollectMarketData")]
    public Task CollectMarketData([TimerTrigger("%Lyra:Collect:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        collector.CollectAsync(cancellationToken);

    /// <summary>Turns a market update into signals and TradeFlow starts. Malformed messages are recorded and dropped.</summary>
    [Function("GenerateSignals")]
    public Task GenerateSignals([QueueTrigger(QueueNames.MarketUpdates, Connection = "AzureWebJobsStorage")] QueueMessage message,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        signals.HandleAsync(message.Body.ToString(), message.MessageId, new DurableTaskTradeFlowClient(client), cancellationToken);
}
