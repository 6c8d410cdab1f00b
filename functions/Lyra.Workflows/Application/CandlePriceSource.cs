using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Exchanges.Orders;

namespace Lyra.Workflows.Application;

/// <summary>Latest price = close of the newest stored candle of the market.</summary>
public sealed class CandlePriceSource(ICandleStore candles) : IPriceSource
{
    /// <inheritdoc />
    public Task<decimal?> GetLastPriceAsync(string marketKey, CancellationToken cancellationToken = default) =>
        candles.GetLastCloseAsync(Market.Parse(marketKey), cancellationToken);
}
