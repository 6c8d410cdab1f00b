using Lyra.Core.Health;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// Starts TradeFlow and position monitor instances on whichever durable engine the host runs, delivers their events and
/// reports their state and the engine's health. Both hosts' implementations pass one contract test suite.
/// </summary>
public interface ITradeFlowClient
{
    /// <summary>Starts TradeFlow with <paramref name="input"/> under its signal id; returns false when that instance already exists (in any state).</summary>
    Task<bool> StartTradeFlowAsync(TradeFlowInput input, CancellationToken cancellationToken = default);

    /// <summary>Starts the position monitor <paramref name="instanceId"/> unless it is live; starts afresh one that ended while its position is still open.</summary>
    Task EnsurePositionMonitorAsync(string instanceId, MonitorInput input, CancellationToken cancellationToken = default);

    /// <summary>Tells a position monitor that a candle of its market closed (dropped when the instance does not exist).</summary>
    Task RaisePriceTickAsync(string instanceId, PriceTick tick, CancellationToken cancellationToken = default);

    /// <summary>Delivers a person's approval or rejection to a waiting TradeFlow instance.</summary>
    Task RaiseApprovalAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Starts a grid under <see cref="GridInput.GridId"/>; returns false when that instance already exists (in any state).</summary>
    Task<bool> StartGridAsync(GridInput input, CancellationToken cancellationToken = default);

    /// <summary>Starts an arbitrage decision under <see cref="ArbitrageInput.Id"/>; returns false when that instance already exists.</summary>
    Task<bool> StartArbitrageAsync(ArbitrageInput input, CancellationToken cancellationToken = default);

    /// <summary>Asks a running grid to cancel its resting orders and end (<paramref name="by"/> is journaled).</summary>
    Task StopGridAsync(string gridId, string by, CancellationToken cancellationToken = default);

    /// <summary>The state of <paramref name="instanceId"/>, or null when the engine does not know it.</summary>
    Task<FlowState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Checks that the durable engine answers, with the round trip's latency. Never throws.</summary>
    Task<ModuleHealth> CheckHealthAsync(CancellationToken cancellationToken = default);
}
