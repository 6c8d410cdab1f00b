using Lyra.Api.Routing;
using Lyra.Core.Journals;
using Lyra.Data.Candles;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask.Client;

namespace Lyra.Api.Tests;

/// <summary>POST/DELETE /api/exchanges/grid on the real durable engine and the paper exchange.</summary>
public sealed class GridApiTests
{
    [Fact]
    public async Task A_grid_buys_low_sells_one_level_up_buys_again_and_stops_on_request()
    {
        await using var h = await ApiHarness.StartAsync();
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 40).Select(i => 100m + i)]);
        var (status, accepted) = await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeGrid,
            body: "{\"market\":\"replay:BTCUSDT:1m\",\"levels\":3,\"spacing_percent\":1,\"quantity\":1,\"poll_seconds\":1,\"by\":\"alice\",\"id\":\"g1\"}");
        Assert.Equal(202, status);
        var data = accepted.GetProperty("data");
        Assert.Equal(("grid-g1", 139m, true), (data.GetProperty("grid_id").GetString(), data.GetProperty("center").GetDecimal(), data.GetProperty("started").GetBoolean()));
        var exchange = h.Get<IExchange>();
        string Id(string suffix) => OrderIds.ClientOrderId("grid-g1-" + suffix);

        // Three buys rest at 137.61, 136.22 and 134.83 while the price is 139.
        await Eventually.UntilAsync(async () => (await exchange.GetOrderAsync(Id("3-0-b")))?.Status == OrderStatus.New, TimeSpan.FromSeconds(15), "level 3's buy to rest");
        Assert.Equal(137.61m, (await exchange.GetOrderAsync(Id("1-0-b")))!.LimitPrice);

        // The price dips to 137: level 1 buys and offers what it bought at 139.
        var t = candles[^1].OpenTime;
        await h.Get<ICandleStore>().UpsertAsync(FlowHarness.Btc, [new Candle(t.AddMinutes(1), 139m, 139m, 137m, 137m, 1m)]);
        await Eventually.UntilAsync(async () => (await exchange.GetOrderAsync(Id("1-0-s")))?.Status == OrderStatus.New, TimeSpan.FromSeconds(15), "level 1's sell to rest");
        Assert.Equal(1m, (await h.Get<IPortfolioStore>().GetAsync()).Position(FlowHarness.Btc.Key).Quantity);

        // Back up to 139.5: the sell fills and level 1 buys again (round 1).
        await h.Get<ICandleStore>().UpsertAsync(FlowHarness.Btc, [new Candle(t.AddMinutes(2), 137m, 139.5m, 137m, 139.5m, 1m)]);
        await Eventually.UntilAsync(async () => (await exchange.GetOrderAsync(Id("1-1-b")))?.Status == OrderStatus.New, TimeSpan.FromSeconds(15), "level 1's second buy to rest");

        var (stopped, _) = await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeGridStop, "?by=bob", id: "grid-g1");
        Assert.Equal(202, stopped);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var meta = await h.Host.Client.WaitForInstanceCompletionAsync("grid-g1", getInputsAndOutputs: true, cts.Token);
        var result = meta.ReadOutputAs<GridResult>()!;
        // One cycle: bought 1 at 137.61, sold at 139, both paying 0.1 %.
        Assert.Equal((1, "stopped by bob"), (result.Cycles, result.Reason));
        Assert.Equal(139m - 137.61m - 0.13761m - 0.139m, result.RealizedPnl);
        Assert.Equal(0m, (await h.Get<IPortfolioStore>().GetAsync()).Position(FlowHarness.Btc.Key).Quantity);
        foreach (var resting in new[] { "1-1-b", "2-0-b", "3-0-b" }) Assert.Equal(OrderStatus.Canceled, (await exchange.GetOrderAsync(Id(resting)))!.Status);
        var journal = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync("grid-g1"))!;
        Assert.Equal(DecisionStatus.Executed, journal.Status);
        Assert.Contains(journal.Steps, s => s.Step == "fill" && s.Detail.StartsWith("level 1: sold 1 @ 139", StringComparison.Ordinal));

        // Stopping it again is a conflict; an unknown grid is not found.
        Assert.Equal(409, (await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeGridStop, id: "grid-g1")).Status);
        Assert.Equal(404, (await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeGridStop, id: "grid-none")).Status);
    }

    [Fact]
    public async Task With_trading_stopped_the_risk_gate_refuses_every_buy_and_the_grid_ends()
    {
        await using var h = await ApiHarness.StartAsync();
        await h.SeedAsync([.. Enumerable.Range(0, 40).Select(i => 100m + i)]);
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.TradingStop, body: "{\"reason\":\"test\"}")).Status);
        var (_, accepted) = await ApiCall.InvokeAsync(h, ApiRoutes.ExchangeGrid, body: "{\"market\":\"replay:BTCUSDT:1m\",\"levels\":2,\"spacing_percent\":1,\"quantity\":1,\"poll_seconds\":1}");
        var id = accepted.GetProperty("data").GetProperty("grid_id").GetString()!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = (await h.Host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token)).ReadOutputAs<GridResult>()!;
        Assert.Equal((0, "every level stopped"), (result.Cycles, result.Reason));
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));
        var steps = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(id))!.Steps;
        Assert.Equal(2, steps.Count(s => s.Step == "level" && s.Detail.Contains("risk gate", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"spacing_percent\":1,\"quantity\":1}", "levels")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"levels\":21,\"spacing_percent\":1,\"quantity\":1}", "levels")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"levels\":10,\"spacing_percent\":10,\"quantity\":1}", "spacing_percent")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"levels\":2,\"spacing_percent\":0.01,\"quantity\":1}", "spacing_percent")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"levels\":2,\"spacing_percent\":1,\"quantity\":-1}", "quantity")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"levels\":2,\"spacing_percent\":1,\"quantity\":1,\"poll_seconds\":0}", "poll_seconds")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"levels\":2,\"spacing_percent\":1,\"quantity\":1,\"center\":0}", "center")]
    public Task Bad_grids_name_the_field_and_start_nothing(string json, string field) =>
        ApiUnit.AssertRefusedAsync(ApiRoutes.ExchangeGrid, json, field);
}
