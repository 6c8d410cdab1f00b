using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Storage;
using Lyra.Strategies.Signals;
using Lyra.Strategies.Strategies;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Messaging;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Application;

/// <summary>What handling one market update did.</summary>
/// <param name="Evaluated">Candles the strategy decided on.</param>
/// <param name="Signals">Actionable signals stored.</param>
/// <param name="FlowsStarted">TradeFlow instances started (a redelivered message starts none).</param>
/// <param name="Rejected">Why the message was rejected, when it was malformed.</param>
public sealed record SignalBatchResult(int Evaluated, int Signals, int FlowsStarted, string? Rejected = null);

/// <summary>
/// The <c>GenerateSignals</c> queue trigger's work: run the configured strategy on the newest candles of the update,
/// store actionable signals and start one TradeFlow per signal under the signal's id, then tick the monitor of the
/// market's open position. A malformed message is recorded
/// with its reason and dropped (retrying cannot fix it); storage failures throw so the queue retries.
/// </summary>
public sealed partial class SignalGenerator(
    CandleStore candles, SignalStore signals, RejectedMessageStore rejected, FlowStartStore starts, PositionMonitors monitors,
    IOptions<StrategyOptions> options, ILogger<SignalGenerator> logger)
{

    /// <summary>Handles one raw message body.</summary>
    public async Task<SignalBatchResult> HandleAsync(string body, string messageId, ITradeFlowClient starter, CancellationToken cancellationToken = default)
    {
        MarketUpdate update;
        try
        {
            update = MarketUpdate.Parse(body);
        }
        catch (ValidationException e)
        {
            var reason = $"{e.Field}: {e.Message}";
            await rejected.RecordAsync(QueueNames.MarketUpdates, messageId, body, reason, cancellationToken);
            LogRejected(logger, messageId, reason);
            return new SignalBatchResult(0, 0, 0, reason);
        }

        var market = Market.Parse(update.Market);
        var o = options.Value;
        var evaluate = Math.Min(update.Count, o.MaxBarsPerUpdate);
        var window = await candles.GetWindowAsync(market, update.To, o.WindowBars + evaluate, cancellationToken);
        var series = CandleSeries.From(window);
        int evaluated = 0, stored = 0, started = 0;
        var first = Math.Max(0, series.Count - evaluate);
        // The same incremental strategy the backtester runs, one instance per message (it keeps state):
        // feed the window oldest first, act on the newest bars.
        var strategy = StrategyCatalog.Create(o.Name, o.Parameters);
        for (var i = 0; i < series.Count; i++)
        {
            var action = strategy.OnBar(series, i);
            if (i < first || window[i].OpenTime < update.From) continue;
            evaluated++;
            if (action == TradeAction.Hold) continue;
            var signal = new Signal(strategy.Name, market.Key, window[i].OpenTime, action, window[i].Close, strategy.Describe());
            await signals.SaveAsync(signal, cancellationToken);
            stored++;
            // The claim makes concurrent deliveries of one message start one flow; the engine check covers the rest.
            if (await starts.TryClaimAsync(signal.Id, cancellationToken) && await starter.StartTradeFlowAsync(TradeFlowInput.From(signal), cancellationToken)) started++;
        }

        // The open position's monitor checks the new candles against its stops (after the signals, so it can see a sell).
        await monitors.NotifyAsync(market.Key, update.To, starter, cancellationToken);
        return new SignalBatchResult(evaluated, stored, started);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected market update {MessageId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string messageId, string reason);
}
