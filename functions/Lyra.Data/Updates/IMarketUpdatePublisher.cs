namespace Lyra.Data.Updates;

/// <summary>Announces stored candles on the <c>market-updates</c> queue, where signal generation picks them up.</summary>
public interface IMarketUpdatePublisher
{
    /// <summary>Sends one update.</summary>
    Task PublishAsync(MarketUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Updates waiting to be turned into signals (approximate, as the queue reports it).</summary>
    Task<int> BacklogAsync(CancellationToken cancellationToken = default);
}
