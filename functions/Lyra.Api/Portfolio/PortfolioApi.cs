using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Exchanges.Orders;
using Lyra.Workflows.Application;

namespace Lyra.Api.Portfolio;

/// <summary><c>GET /api/orders</c> and <c>GET /api/positions</c>: the orders placed and the portfolio valued at the latest prices.</summary>
public sealed class PortfolioApi(IOrderStore orders, PortfolioValuation portfolio, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.Orders, ApiRoutes.Positions];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "ListOrders" => OrdersAsync(request, cancellationToken),
        _ => PositionsAsync(request, cancellationToken),
    };

    private async Task<ApiResult> OrdersAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("market", "limit");
        var list = await orders.ListAsync(q.MarketKey(), q.Limit(), ct);
        return ApiResult.Ok(list, ApiRoutes.Orders.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> PositionsAsync(ApiRequest request, CancellationToken ct)
    {
        var includeClosed = request.Query("all").Bool("all");
        var now = await portfolio.GetAsync(ct);
        var (book, snapshot) = (now.Book, now.Snapshot);
        var rows = book.Positions.Values
            .Where(p => p.Quantity != 0 || includeClosed)
            .OrderBy(p => p.MarketKey, StringComparer.Ordinal)
            .Select(p => PositionRow.Of(p, now.Prices.TryGetValue(p.MarketKey, out var last) ? last : p.AveragePrice))
            .ToList();
        var body = new PositionsResponse(book.Account.Cash, Math.Round(snapshot.Equity, 8), book.Account.RealizedPnl, Math.Round(snapshot.UnrealizedPnl, 8),
            book.Account.FeesPaid, rows);
        return ApiResult.Ok(body, ApiRoutes.Positions.Module, time.GetUtcNow());
    }
}
