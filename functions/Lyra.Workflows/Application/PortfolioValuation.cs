using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;

namespace Lyra.Workflows.Application;

/// <summary>The portfolio book valued at the latest prices: what the risk gate, the API and the replay summary all read.</summary>
/// <param name="Book">The book.</param>
/// <param name="Prices">The latest price of every open position's market that has one.</param>
/// <param name="Snapshot">The valuation.</param>
public sealed record ValuedPortfolio(PortfolioBook Book, IReadOnlyDictionary<string, decimal> Prices, PortfolioSnapshot Snapshot);

/// <summary>Reads the <see cref="PortfolioBook"/> and values it with <see cref="PortfolioBook.Value"/> at the latest prices (nothing is written).</summary>
public sealed class PortfolioValuation(IPortfolioStore portfolio, IPriceSource prices, TimeProvider time)
{
    /// <summary>The portfolio now.</summary>
    public async Task<ValuedPortfolio> GetAsync(CancellationToken cancellationToken = default)
    {
        var book = await portfolio.GetAsync(cancellationToken);
        var last = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in book.Open)
        {
            if (await prices.GetLastPriceAsync(p.MarketKey, cancellationToken) is { } price) last[p.MarketKey] = price;
        }

        return new ValuedPortfolio(book, last, book.Value(last, time.GetUtcNow()));
    }

    /// <summary>Records the current equity (peak, start of day) and returns the portfolio valued after it: the flow's write path.</summary>
    public async Task<ValuedPortfolio> RecordAsync(CancellationToken cancellationToken = default)
    {
        var now = await GetAsync(cancellationToken);
        var book = await portfolio.RecordEquityAsync(now.Snapshot.Equity, time.GetUtcNow(), cancellationToken);
        return now with { Book = book, Snapshot = book.Value(now.Prices, time.GetUtcNow()) };
    }
}
