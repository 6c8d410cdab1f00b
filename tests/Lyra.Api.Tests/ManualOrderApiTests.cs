using Lyra.Api.Routing;
using Lyra.Core.Journals;
using Lyra.Data.Candles;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;

namespace Lyra.Api.Tests;

/// <summary>POST /api/exchanges/order on the real durable engine and the paper exchange: a person's order through the risk gate.</summary>
public sealed class ManualOrderApiTests
{
    private static readonly Dictionary<string, string?> FastTracking = new()
    {
        ["Lyra:Trading:OrderPollSeconds"] = "1",
        ["Lyra:Trading:OrderPollMaxSeconds"] = "1",
    };

    [Fact]
    public async Task A_market_order_is_decided_without_a_vote_and_filled_once_per_id()
    {
        await using var h = await ApiHarness.StartAsync(settings: FastTracking);
        await h.SeedAsync([.. Enumerable.Range(0, 40).Select(i => 100m + i)]);
        const string body = "{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":2,\"by\":\"alice\",\"id\":\"order-1\"}";
        var (status, accepted) = await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeOrder, body: body);
        Assert.Equal(202, status);
        var id = accepted.GetProperty("data").GetProperty("decision_id").GetString()!;
        Assert.Equal(("manual-order-1", true), (id, accepted.GetProperty("data").GetProperty("started").GetBoolean()));
        var result = await h.WaitAsync(id);
        Assert.Equal(DecisionStatus.Executed, result.Status);
        Assert.Equal(2m, (await h.Get<IPortfolioStore>().GetAsync()).Position("replay:BTCUSDT:1m").Quantity);
        var journal = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(id))!;
        Assert.Contains(journal.Steps, s => s.Step == "consensus" && s.Detail.StartsWith("manual order by alice: Buy 2 at market", StringComparison.Ordinal));
        Assert.Empty(journal.Votes);

        // The same id again starts nothing and orders nothing.
        var (again, second) = await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeOrder, body: body);
        Assert.Equal((202, false), (again, second.GetProperty("data").GetProperty("started").GetBoolean()));
        Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10));
    }

    [Fact]
    public async Task A_resting_limit_order_is_tracked_until_the_price_reaches_it()
    {
        await using var h = await ApiHarness.StartAsync(settings: FastTracking);
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 40).Select(i => 100m + i)]);
        var (status, accepted) = await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeOrder,
            body: "{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":1.5,\"limit_price\":130,\"ttl_seconds\":120}");
        Assert.Equal(202, status);
        var id = accepted.GetProperty("data").GetProperty("decision_id").GetString()!;
        var clientId = accepted.GetProperty("data").GetProperty("client_order_id").GetString()!;

        // Rests at 130 while the last close is 139; then the market comes down to 128.
        await Eventually.UntilAsync(async () => (await h.Get<IExchange>().GetOrderAsync(clientId))?.Status == OrderStatus.New, TimeSpan.FromSeconds(15), "the limit order to rest");
        Assert.Equal(0m, (await h.Get<IPortfolioStore>().GetAsync()).Position("replay:BTCUSDT:1m").Quantity);
        var last = candles[^1];
        await h.Get<ICandleStore>().UpsertAsync(FlowHarness.Btc, [last with { OpenTime = last.OpenTime.AddMinutes(1), Open = 139m, High = 139m, Low = 128m, Close = 128m }]);

        var result = await h.WaitAsync(id);
        Assert.Equal(DecisionStatus.Executed, result.Status);
        var position = (await h.Get<IPortfolioStore>().GetAsync()).Position("replay:BTCUSDT:1m");
        Assert.Equal((1.5m, 130m), (position.Quantity, position.AveragePrice)); // at its limit, not at the close
        var steps = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(id))!.Steps;
        Assert.Contains(steps, s => s.Step == "tracking" && s.Detail.StartsWith("resting", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Step == "tracking" && s.Detail.StartsWith("Filled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_limit_order_the_price_never_reaches_is_canceled_at_its_time_to_live()
    {
        await using var h = await ApiHarness.StartAsync(settings: FastTracking);
        await h.SeedAsync([.. Enumerable.Range(0, 40).Select(i => 100m + i)]);
        var (_, accepted) = await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeOrder,
            body: "{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":1,\"limit_price\":90,\"ttl_seconds\":3}");
        var id = accepted.GetProperty("data").GetProperty("decision_id").GetString()!;
        var result = await h.WaitAsync(id);
        Assert.Equal(DecisionStatus.Rejected, result.Status);
        Assert.Equal(TradeFlowOrchestrator.Reasons.OrderRejected, Assert.Single(result.Reasons));
        var order = Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10));
        Assert.Equal((OrderStatus.Canceled, 0m, 90m), (order.Status, order.FilledQuantity, order.LimitPrice));
        var steps = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(id))!.Steps;
        Assert.Contains(steps, s => s.Step == "cancel" && s.Detail.StartsWith("time to live ran out: Canceled", StringComparison.Ordinal));
        Assert.Equal(0m, (await h.Get<IPortfolioStore>().GetAsync()).Position("replay:BTCUSDT:1m").Quantity);
    }

    [Theory]
    [InlineData("{\"side\":\"buy\",\"quantity\":1}", "market")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"short\",\"quantity\":1}", "side")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":0}", "quantity")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":1,\"limit_price\":-1}", "limit_price")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":1,\"ttl_seconds\":60}", "ttl_seconds")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":1,\"limit_price\":1,\"ttl_seconds\":100000}", "ttl_seconds")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":1,\"id\":\"a b\"}", "id")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"side\":\"buy\",\"quantity\":1,\"leverage\":5}", "leverage")]
    public Task Bad_orders_name_the_field_and_start_nothing(string json, string field) =>
        ApiUnit.AssertRefusedAsync(ApiRoutes.ExchangeOrder, json, field);

    [Theory]
    [InlineData("{\"sell_market\":\"okx:BTC-USDT:1m\",\"quantity\":1}", "buy_market")]
    [InlineData("{\"buy_market\":\"gateio:BTC_USDT:1m\",\"sell_market\":\"gateio:BTC_USDT:5m\",\"quantity\":1}", "sell_market")]
    [InlineData("{\"buy_market\":\"gateio:BTC_USDT:1m\",\"sell_market\":\"okx:ETH-USDT:1m\",\"quantity\":1}", "sell_market")]
    [InlineData("{\"buy_market\":\"gateio:BTC_USDT:1m\",\"sell_market\":\"okx:BTC-USDT:1m\"}", "quantity")]
    [InlineData("{\"buy_market\":\"gateio:BTC_USDT:1m\",\"sell_market\":\"okx:BTC-USDT:1m\",\"quantity\":1,\"min_spread_percent\":-1}", "min_spread_percent")]
    public Task Bad_arbitrage_requests_name_the_field(string json, string field) =>
        ApiUnit.AssertRefusedAsync(ApiRoutes.ExchangeArbitrage, json, field);

    [Fact]
    public async Task A_market_without_candles_is_a_conflict()
    {
        await using var h = await ApiHarness.StartAsync();
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeOrder, body: "{\"market\":\"replay:ETHUSDT:1m\",\"side\":\"buy\",\"quantity\":1}");
        Assert.Equal(409, status);
        Assert.Contains("no candles stored for replay:ETHUSDT:1m", body.GetProperty("error_message").GetString(), StringComparison.Ordinal);
    }
}
