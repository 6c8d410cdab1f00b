namespace Lyra.Risk.KillSwitch;

/// <summary>Where the kill switch is kept, so every host and every flow in flight sees the same state.</summary>
public interface ITradingStateStore
{
    /// <summary>The state; <paramref name="enabledByDefault"/> when it was never switched.</summary>
    Task<TradingState> GetAsync(bool enabledByDefault, CancellationToken cancellationToken = default);

    /// <summary>Turns trading on or off.</summary>
    Task<TradingState> SetAsync(bool enabled, string? reason, CancellationToken cancellationToken = default);
}
