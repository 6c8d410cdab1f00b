using Lyra.Core.Health;

namespace Lyra.Workflows.Orchestration;

/// <summary>Starts TradeFlow and position monitor instances on whichever durable engine the host runs, and reports that engine's health.</summary>
public interface ITradeFlowClient
{
    /// <summary>Starts TradeFlow with <paramref name="input"/> under its signal id; returns false when that instance already exists.</summary>
    Task<bool> StartTradeFlowAsync(TradeFlowInput input, CancellationToken cancellationToken = default);

    /// <summary>Starts the position monitor <paramref name="instanceId"/> unless it is running; restarts one that ended while its position is still open.</summary>
    Task EnsurePositionMonitorAsync(string instanceId, MonitorInput input, CancellationToken cancellationToken = default);

    /// <summary>Tells a position monitor that a candle of its market closed.</summary>
    Task RaisePriceTickAsync(string instanceId, PriceTick tick, CancellationToken cancellationToken = default);

    /// <summary>Delivers a person's approval or rejection to a waiting TradeFlow instance.</summary>
    Task RaiseApprovalAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Checks that the durable engine answers. Never throws.</summary>
    Task<ModuleHealth> CheckHealthAsync(CancellationToken cancellationToken = default);
}
