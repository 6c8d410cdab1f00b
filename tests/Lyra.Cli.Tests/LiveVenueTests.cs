using System.Text.Json;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Testing;
using Lyra.Testing.Venues;

namespace Lyra.Cli.Tests;

/// <summary>A trader's path: keys into the vault, a venue enabled, <c>lyra run</c> trades it (the Gate.io fake).</summary>
public sealed class LiveVenueTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lyra-live-").FullName;
    private FakeGateIoServer _venue = null!;

    public async Task InitializeAsync()
    {
        _venue = await FakeGateIoServer.StartAsync();
        // The built-in replay's day (seed 7), its last 400 minutes ending a minute ago: closed candles with crosses in them.
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-400);
        _venue.SetSeries(SyntheticSeries.Generate(400, 7, Timeframe.OneMinute, start));
    }

    public async Task DisposeAsync()
    {
        await _venue.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Keys_from_the_vault_an_enabled_venue_and_lyra_run_trades_it_once_per_decision()
    {
        var vault = new Dictionary<string, string>
        {
            ["LYRA_VAULT_FILE"] = Path.Combine(_dir, "vault.json"),
            ["LYRA_VAULT_PASSPHRASE"] = "live test passphrase",
        };
        Assert.Equal(0, (await LyraProcess.RunAsync(vault, FakeGateIoServer.ApiKey, TimeSpan.FromMinutes(1), "vault", "set", "Lyra:Exchanges:gateio:ApiKey")).ExitCode);
        Assert.Equal(0, (await LyraProcess.RunAsync(vault, FakeGateIoServer.ApiSecret, TimeSpan.FromMinutes(1), "vault", "set", "Lyra:Exchanges:gateio:ApiSecret")).ExitCode);

        var env = new Dictionary<string, string>(vault)
        {
            ["Lyra__Trading__Exchange"] = "live",
            ["Lyra__Exchanges__gateio__Enabled"] = "true",
            ["Lyra__Exchanges__gateio__BaseUrl"] = _venue.BaseAddress.ToString(),
            ["Lyra__Collect__Markets__0"] = "gateio:BTC_USDT:1m",
            ["Lyra__Collect__Schedule"] = "*/2 * * * * *",
            ["Lyra__Collect__MaxCandlesPerRun"] = "400",
            ["Lyra__Strategy__MaxBarsPerUpdate"] = "1000", // trade the backfill, as a replay does
        };
        await using var h = await LyraHostProcess.StartAsync(env, "run", "--in-memory", "--port", "0");
        Assert.Contains(h.Output, l => l.Contains("read 2 secret(s) from the vault", StringComparison.Ordinal));

        // Alone this takes about 10 s; under the whole suite on two cores CI once needed more than 90 s. The host's log is
        // taken when the wait fails, not when it starts.
        try
        {
            await Eventually.UntilAsync(async () => (await h.GetAsync("/api/orders")).GetArrayLength() >= 2 && _venue.OrdersAccepted >= 2,
                TimeSpan.FromSeconds(180), "orders on the venue");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} (venue accepted {_venue.OrdersAccepted}){Environment.NewLine}{h.Log}", e);
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // let flows in flight finish

        var orders = (await h.GetAsync("/api/orders")).EnumerateArray().ToList();
        Assert.All(_venue.PlacedByText, p => Assert.Equal(1, p.Value));
        var filled = orders.Count(o => o.GetProperty("status").GetString() == "filled");
        Assert.Equal(_venue.OrdersAccepted, filled);
        var health = await h.GetAsync("/api/health");
        Assert.Contains("exchange:gateio", health.GetRawText(), StringComparison.Ordinal);

        // The venue over HTTP.
        var balances = (await h.GetAsync("/api/exchanges/balances")).EnumerateArray().ToList();
        Assert.Contains(balances, b => b.GetProperty("venue").GetString() == "gateio" && b.GetProperty("asset").GetString() == "USDT");
        var market = await h.GetAsync("/api/exchanges/market/BTC_USDT");
        Assert.Equal(("gateio", "BTC/USDT"), (market.GetProperty("venue").GetString(), market.GetProperty("symbol").GetString()));
        Assert.True(market.GetProperty("asks")[0].GetProperty("price").GetDecimal() > market.GetProperty("bids")[0].GetProperty("price").GetDecimal());
        var ledger = (await h.GetAsync("/api/exchanges/orders")).EnumerateArray().ToList();
        Assert.Equal(_venue.OrdersAccepted, ledger.Count(i => i.GetProperty("state").GetString() == "final"));
        Assert.Equal(0, (await h.GetAsync("/api/exchanges/orders?open=true")).GetArrayLength());
        using (var missing = await h.Http.DeleteAsync("/api/exchanges/orders/no-such-order")) Assert.Equal(404, (int)missing.StatusCode);
        using (var badVenue = await h.Http.GetAsync("/api/exchanges/balances?venue=kraken"))
        {
            Assert.Equal(400, (int)badVenue.StatusCode);
            var error = JsonDocument.Parse(await badVenue.Content.ReadAsStringAsync()).RootElement.GetRawText();
            Assert.Contains("kraken", error, StringComparison.Ordinal);
            Assert.Contains("is not enabled; enabled: gateio", error, StringComparison.Ordinal);
        }

        var (code, _) = await h.SignalAsync(15, TimeSpan.FromSeconds(15));
        Assert.Equal(143, code);
        Assert.DoesNotContain(FakeGateIoServer.ApiSecret, h.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGateIoServer.ApiKey, h.Log, StringComparison.Ordinal);
    }
}
