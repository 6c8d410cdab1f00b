using Lyra.Core.Errors;
using Lyra.Core.Idempotency;
using Lyra.Core.Messaging;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Updates;
using Lyra.Strategies.Signals;
using Lyra.Strategies.Strategies;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
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
/// market's open position. A malformed message is recorded with its reason and dropped (retrying cannot fix it);
/// storage failures throw so the queue retries. A flow start is claimed first, so concurrent deliveries of one message
/// start it once; a start that fails gives its claim back, so the redelivery starts it.
/// </summary>
public sealed partial class SignalGenerator(
    ICandleStore candles, ISignalStore signals, IRejectedMessageStore rejected, IClaimStore claims, PositionMonitors monitors,
    IStrategyFactory strategies, IOptionsMonitor<StrategyOptions> options, Lyra.Strategies.Management.StrategyRegistry registry, ILogger<SignalGenerator> logger)
{
    /// <summary>Claim scope of TradeFlow starts.</summary>
    public const string StartScope = "tradeflow-start";

    /// <summary>
    /// Age after which a start claim whose holder died silently (no release) may be taken over: shorter than the soonest
    /// redelivery of the message (the local listener's 30 s visibility), and the engine's instance check still refuses a
    /// second start.
    /// </summary>
    public static readonly TimeSpan StartClaimStaleAfter = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Evaluates <paramref name="assignment"/> on the newest stored candle of <paramref name="market"/> now (a person's
    /// "execute"): the signal is stored and its flow started exactly as from an update; a hold stores nothing.
    /// </summary>
    public async Task<(Signal Signal, bool Started)> ExecuteAsync(Lyra.Strategies.Management.StrategyAssignment assignment, Market market, ITradeFlowClient starter,
        CancellationToken cancellationToken = default)
    {
        var strategy = strategies.Create(assignment.Strategy, assignment.Parameters, "strategy");
        var latest = await candles.GetLatestTimeAsync(market, cancellationToken) ?? throw new ConflictException($"there are no candles of {market.Key} yet");
        var window = await candles.GetWindowAsync(market, latest, Math.Max(options.CurrentValue.WindowBars, strategy.WarmupBars + 1), cancellationToken);
        var series = CandleSeries.From(window);
        var action = TradeAction.Hold;
        for (var i = 0; i < series.Count; i++) action = strategy.OnBar(series, i);
        var last = window[^1];
        var signal = new Signal(assignment.Id, market.Key, last.OpenTime, action, last.Close, strategy.Describe(), strategy.Strength);
        if (action == TradeAction.Hold) return (signal, false);
        await signals.SaveAsync(signal, cancellationToken);
        return (signal, await StartOnceAsync(signal, starter, cancellationToken));
    }

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
        var o = options.CurrentValue;
        var evaluate = Math.Min(update.Count, o.MaxBarsPerUpdate);
        var window = await candles.GetWindowAsync(market, update.To, o.WindowBars + evaluate, cancellationToken);
        var series = CandleSeries.From(window);
        int evaluated = 0, stored = 0, started = 0;
        var first = Math.Max(0, series.Count - evaluate);
        // Each active strategy of the market: the same incremental strategy the backtester runs, one instance per
        // message (it keeps state): feed the window oldest first, act on the newest bars. Signals name the assignment.
        foreach (var assignment in await registry.ActiveForAsync(market.Key, cancellationToken))
        {
            var strategy = strategies.Create(assignment.Strategy, assignment.Parameters);
            for (var i = 0; i < series.Count; i++)
            {
                var action = strategy.OnBar(series, i);
                if (i < first || window[i].OpenTime < update.From) continue;
                evaluated++;
                if (action == TradeAction.Hold) continue;
                var signal = new Signal(assignment.Id, market.Key, window[i].OpenTime, action, window[i].Close, strategy.Describe(), strategy.Strength);
                await signals.SaveAsync(signal, cancellationToken);
                stored++;
                if (await StartOnceAsync(signal, starter, cancellationToken)) started++;
            }
        }

        // The open position's monitor checks the new candles against its stops (after the signals, so it can see a sell).
        await monitors.NotifyAsync(market.Key, update.To, starter, cancellationToken);
        return new SignalBatchResult(evaluated, stored, started);
    }

    // The claim makes concurrent deliveries of one message start one flow; the engine's instance check covers the rest.
    private async Task<bool> StartOnceAsync(Signal signal, ITradeFlowClient starter, CancellationToken ct)
    {
        if (!await claims.TryClaimAsync(StartScope, signal.Id, StartClaimStaleAfter, ct)) return false;
        try
        {
            return await starter.StartTradeFlowAsync(TradeFlowInput.From(signal), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Give the claim back so the redelivery of this message starts the flow; if that fails too, the claim goes stale.
            LogStartFailed(logger, e, signal.Id);
            try
            {
                await claims.ReleaseAsync(StartScope, signal.Id, CancellationToken.None);
            }
            catch (Exception release) when (release is not OperationCanceledException)
            {
                LogReleaseFailed(logger, release, signal.Id);
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting TradeFlow {InstanceId} failed; its claim is released for the redelivery")]
    private static partial void LogStartFailed(ILogger logger, Exception e, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the start claim of {InstanceId} failed; it goes stale instead")]
    private static partial void LogReleaseFailed(ILogger logger, Exception e, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected market update {MessageId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string messageId, string reason);
}
