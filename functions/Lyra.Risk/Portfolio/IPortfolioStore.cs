using Lyra.Risk.Stops;

namespace Lyra.Risk.Portfolio;

/// <summary>Where the <see cref="PortfolioBook"/> is kept. Every change is atomic; fills are booked exactly once.</summary>
public interface IPortfolioStore
{
    /// <summary>The book now (a new account with the starting cash when nothing happened yet).</summary>
    Task<PortfolioBook> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Books <paramref name="fill"/> exactly once per client order id: booking it again changes nothing and returns the
    /// same position and closed trade.
    /// </summary>
    Task<AppliedFill> ApplyFillAsync(Fill fill, FillOrigin? origin = null, CancellationToken cancellationToken = default);

    /// <summary>Stores moved stops of the position opened by <paramref name="entryDecisionId"/>; false (nothing written) when it is no longer open.</summary>
    Task<bool> UpdateStopsAsync(string marketKey, string entryDecisionId, StopLevels levels, DateTimeOffset? checkedThrough, DateTimeOffset seen,
        CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="equity"/> as of <paramref name="now"/> (peak, start of day); returns the book after.</summary>
    Task<PortfolioBook> RecordEquityAsync(decimal equity, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The newest closed trades, newest first.</summary>
    Task<IReadOnlyList<ClosedTrade>> ListTradesAsync(int limit, CancellationToken cancellationToken = default);
}
