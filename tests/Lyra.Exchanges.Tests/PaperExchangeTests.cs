using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;

namespace Lyra.Exchanges.Tests;

public sealed class PaperExchangeTests
{
    private sealed class CountingPrices(decimal? price) : IPriceSource
    {
        public int Calls;

        public async Task<decimal?> GetLastPriceAsync(string marketKey, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            await Task.Delay(5, cancellationToken); // make concurrent duplicates overlap
            return price;
        }
    }

    private static readonly PaperExchangeOptions Options = new() { FeeRate = 0.001m, SlippageBps = 10m };

    [Fact]
    public async Task Market_buy_fills_at_the_next_price_plus_slippage_and_pays_the_fee()
    {
        var ex = new PaperExchange(new CountingPrices(20_000m), Options, TimeProvider.System, new MemoryLedger());
        var r = await ex.PlaceOrderAsync(new OrderRequest("c1", "binance:BTCUSDT:1m", TradeAction.Buy, 0.5m));
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(20_020m, r.AveragePrice); // 10 bps against the buyer
        Assert.Equal(0.5m, r.FilledQuantity);
        Assert.Equal(10.01m, r.Fee); // 0.1 % of 10,010
    }

    private sealed class MovingPrice(decimal price) : IPriceSource
    {
        public decimal Price { get; set; } = price;

        public Task<decimal?> GetLastPriceAsync(string marketKey, CancellationToken cancellationToken = default) => Task.FromResult<decimal?>(Price);
    }

    [Fact]
    public async Task A_limit_buy_below_the_price_rests_then_fills_at_its_limit_when_the_price_comes_down()
    {
        var price = new MovingPrice(20_000m);
        var ex = new PaperExchange(price, Options, TimeProvider.System, new MemoryLedger());
        var r = await ex.PlaceOrderAsync(new OrderRequest("lim", "binance:BTCUSDT:1m", TradeAction.Buy, 0.5m, 19_500m));
        Assert.Equal((OrderStatus.New, 0m, 19_500m), (r.Status, r.FilledQuantity, r.LimitPrice));
        Assert.Equal(OrderStatus.New, (await ex.GetOrderAsync("lim"))!.Status);
        price.Price = 19_400m;
        var filled = await ex.GetOrderAsync("lim");
        Assert.Equal((OrderStatus.Filled, 0.5m, 19_500m, 9.75m), (filled!.Status, filled.FilledQuantity, filled.AveragePrice, filled.Fee));
        price.Price = 30_000m;
        Assert.Equal(filled, await ex.GetOrderAsync("lim"));
        Assert.Equal(filled, await ex.CancelOrderAsync("lim")); // a filled order stays filled
    }

    [Fact]
    public async Task A_marketable_limit_fills_now_and_a_resting_one_can_be_canceled()
    {
        var price = new MovingPrice(20_000m);
        var ex = new PaperExchange(price, Options, TimeProvider.System, new MemoryLedger());
        var now = await ex.PlaceOrderAsync(new OrderRequest("cross", "binance:BTCUSDT:1m", TradeAction.Sell, 1m, 19_000m));
        Assert.Equal((OrderStatus.Filled, 19_980m), (now.Status, now.AveragePrice)); // the price, not the limit
        var rest = await ex.PlaceOrderAsync(new OrderRequest("ask", "binance:BTCUSDT:1m", TradeAction.Sell, 1m, 21_000m));
        Assert.Equal(OrderStatus.New, rest.Status);
        var canceled = await ex.CancelOrderAsync("ask");
        Assert.Equal((OrderStatus.Canceled, 0m), (canceled!.Status, canceled.FilledQuantity));
        price.Price = 22_000m;
        Assert.Equal(OrderStatus.Canceled, (await ex.GetOrderAsync("ask"))!.Status);
        Assert.Null(await ex.CancelOrderAsync("unknown"));
        var bad = await ex.PlaceOrderAsync(new OrderRequest("bad", "binance:BTCUSDT:1m", TradeAction.Buy, 1m, -5m));
        Assert.Equal((OrderStatus.Rejected, "limit price must be positive"), (bad.Status, bad.RejectReason));
    }

    [Fact]
    public async Task Market_sell_fills_below_the_price()
    {
        var ex = new PaperExchange(new CountingPrices(20_000m), Options, TimeProvider.System, new MemoryLedger());
        var r = await ex.PlaceOrderAsync(new OrderRequest("c2", "binance:BTCUSDT:1m", TradeAction.Sell, 1m));
        Assert.Equal(19_980m, r.AveragePrice);
    }

    [Fact]
    public async Task The_same_client_order_id_fills_once_even_when_sent_concurrently()
    {
        var prices = new CountingPrices(100m);
        var ex = new PaperExchange(prices, Options, TimeProvider.System, new MemoryLedger());
        var request = new OrderRequest("dup", "binance:BTCUSDT:1m", TradeAction.Buy, 1m);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ex.PlaceOrderAsync(request))));
        Assert.Equal(1, prices.Calls);
        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(results[0], await ex.GetOrderAsync("dup"));
        Assert.Null(await ex.GetOrderAsync("other"));
    }

    [Fact]
    public async Task Without_a_price_the_order_is_rejected_with_the_reason()
    {
        var ex = new PaperExchange(new CountingPrices(null), Options, TimeProvider.System, new MemoryLedger());
        var r = await ex.PlaceOrderAsync(new OrderRequest("c3", "binance:BTCUSDT:1m", TradeAction.Buy, 1m));
        Assert.Equal(OrderStatus.Rejected, r.Status);
        Assert.Contains("no price", r.RejectReason, StringComparison.Ordinal);
        var zero = await ex.PlaceOrderAsync(new OrderRequest("c4", "binance:BTCUSDT:1m", TradeAction.Buy, 0m));
        Assert.Equal("quantity must be positive", zero.RejectReason);
    }

    [Fact]
    public async Task A_restarted_exchange_answers_a_known_client_id_with_the_first_fill()
    {
        var ledger = new MemoryLedger();
        var request = new OrderRequest("r1", "binance:BTCUSDT:1m", TradeAction.Buy, 1m);
        var first = await new PaperExchange(new CountingPrices(100m), Options, TimeProvider.System, ledger).PlaceOrderAsync(request);

        // A new process: new exchange, other prices, the same ledger. The retried id must not fill again.
        var prices = new CountingPrices(250m);
        var restarted = new PaperExchange(prices, Options, TimeProvider.System, ledger);
        Assert.Equal(first, await restarted.GetOrderAsync("r1"));
        Assert.Equal(first, await restarted.PlaceOrderAsync(request));
        Assert.Equal(0, prices.Calls);
    }

    /// <summary>The ledger contract in memory (the table implementation is tested against Azurite in Lyra.Storage.Tests).</summary>
    [Fact]
    public async Task Imitating_a_venue_fills_at_its_book_top_with_its_step_minimums_and_fee()
    {
        await using var venue = await Lyra.Testing.Venues.FakeGateIoServer.StartAsync();
        using var http = new HttpClient { BaseAddress = venue.BaseAddress };
        var client = new Lyra.Exchanges.GateIo.GateIoClient(http, new Lyra.Exchanges.Venues.VenueOptions(), TimeProvider.System);
        var prices = new CountingPrices(40_000m); // the last close: not used for the venue's markets
        var ex = new PaperExchange(prices, Options, TimeProvider.System, new MemoryLedger(), new VenueImitation(client));

        var buy = await ex.PlaceOrderAsync(new OrderRequest("v1", "gateio:BTC_USDT:1m", TradeAction.Buy, 0.0123456789m));
        Assert.Equal((OrderStatus.Filled, 50_001m, 0.012345m), (buy.Status, buy.AveragePrice, buy.FilledQuantity)); // the ask, the 0.000001 step
        Assert.Equal(Math.Round(50_001m * 0.012345m * 0.002m, 8), buy.Fee); // Gate.io's 0.2 % taker fee
        var sell = await ex.PlaceOrderAsync(new OrderRequest("v2", "gateio:BTC_USDT:1m", TradeAction.Sell, 0.01m));
        Assert.Equal(50_000m, sell.AveragePrice); // the bid
        var tiny = await ex.PlaceOrderAsync(new OrderRequest("v3", "gateio:BTC_USDT:1m", TradeAction.Buy, 0.000001m));
        Assert.Equal(OrderStatus.Rejected, tiny.Status);
        Assert.Contains("below BTC_USDT's minimum", tiny.RejectReason, StringComparison.Ordinal);
        Assert.Equal(0, prices.Calls);

        var other = await ex.PlaceOrderAsync(new OrderRequest("v4", "binance:BTCUSDT:1m", TradeAction.Buy, 0.01m));
        Assert.Equal(40_040m, other.AveragePrice); // another venue's market: the plain simulation
        Assert.Equal(0, venue.OrdersAccepted); // paper never sends an order
    }

    private sealed class MemoryLedger : IPaperOrderLedger
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OrderResult> _orders = new(StringComparer.Ordinal);

        public Task<OrderResult?> GetAsync(string clientOrderId, CancellationToken cancellationToken = default) =>
            Task.FromResult(_orders.TryGetValue(clientOrderId, out var o) ? o : null);

        public Task<OrderResult> AddAsync(OrderResult order, CancellationToken cancellationToken = default) =>
            Task.FromResult(_orders.GetOrAdd(order.ClientOrderId, order));

        public Task<OrderResult> UpdateAsync(OrderResult order, CancellationToken cancellationToken = default) =>
            Task.FromResult(_orders.AddOrUpdate(order.ClientOrderId, order, (_, known) => known.IsFinal ? known : order));
    }
}
