using System.Text.Json;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Testing;

namespace Lyra.Cli.Tests;

/// <summary>
/// <c>lyra run</c> keeps its state in a data directory and stops cleanly: the real process is killed (-9), signalled
/// (SIGTERM) and loses its storage, and its state is backed up and restored.
/// </summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    // The live collector asks for the candles of the last MaxCandlesPerRun minutes of the wall clock, so the served
    // day starts 800 minutes ago and the fake's NowMs releases it from there.
    private static readonly DateTimeOffset Start = Minute(DateTimeOffset.UtcNow).AddMinutes(-800);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lyra-life-" + Guid.NewGuid().ToString("N")[..8]);
    private FakeBinanceServer _binance = null!;

    public async Task InitializeAsync()
    {
        _binance = await FakeBinanceServer.StartAsync();
        // The built-in replay's day (seed 7), served as Binance klines; NowMs releases it minute by minute.
        _binance.SetSeries("BTCUSDT", SyntheticSeries.Generate(1440, 7, Timeframe.OneMinute, Start));
    }

    public async Task DisposeAsync()
    {
        await _binance.DisposeAsync();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private string Dir(string name) => Path.Combine(_root, name);

    private void Release(int minutes) => _binance.NowMs = Start.AddMinutes(minutes).ToUnixTimeMilliseconds();

    /// <summary>A live run on the fake Binance: collects every second, every order waits for approval.</summary>
    private Dictionary<string, string> Live(IDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["Lyra__MarketData__Source"] = "binance",
            ["Lyra__MarketData__BinanceBaseUrl"] = _binance.BaseAddress.ToString(),
            ["Lyra__Collect__Markets__0"] = "binance:BTCUSDT:1m",
            ["Lyra__Collect__Schedule"] = "* * * * * *",
            ["Lyra__Collect__MaxCandlesPerRun"] = "1000",
            ["Lyra__Strategy__MaxBarsPerUpdate"] = "1000",
            ["Lyra__Trading__ApprovalNotional"] = "1",
            ["Lyra__Trading__ApprovalTimeoutSeconds"] = "3600",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        return LyraHostProcess.WithTestKey(env);
    }

    private static Task<LyraHostProcess> RunAsync(IReadOnlyDictionary<string, string> env, string dataDir) =>
        LyraHostProcess.StartAsync(env, "run", "--data-dir", dataDir, "--port", "0");

    private static async Task<List<(string Id, string Status)>> DecisionsAsync(LyraHostProcess h) =>
        [.. (await h.GetAsync("/api/decisions?limit=1000")).EnumerateArray().Select(d => (d.GetProperty("id").GetString()!, d.GetProperty("status").GetString()!)).Order()];

    private static async Task<string> StateAsync(LyraHostProcess h) =>
        JsonSerializer.Serialize(new { orders = await h.GetAsync("/api/orders?limit=1000"), positions = Without(await h.GetAsync("/api/positions?all=true"), "last_price", "equity", "unrealized_pnl") });

    // Drops valuation fields that follow the newest candle (not part of what was booked).
    private static JsonElement Without(JsonElement e, params string[] fields)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(e.GetRawText())!;
        foreach (var f in fields) node.AsObject().Remove(f);
        foreach (var p in node["positions"]!.AsArray()) foreach (var f in fields) p!.AsObject().Remove(f);
        return JsonSerializer.Deserialize<JsonElement>(node.ToJsonString());
    }

    // Waits with a deadline; a timeout shows what the host printed.
    private static async Task UntilAsync(LyraHostProcess h, Func<Task<bool>> condition, string what)
    {
        try
        {
            await Eventually.UntilAsync(condition, TimeSpan.FromSeconds(60), what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + " Host output:\n" + h.Log, e);
        }
    }

    private static void NoStackTraces(LyraHostProcess h) => Assert.DoesNotContain(h.Output.Concat(h.Error), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));

    [Fact]
    public async Task A_killed_host_continues_on_its_data_directory_without_losing_or_doubling_anything()
    {
        var dir = Dir("live");
        Release(400);
        List<(string Id, string Status)> before;
        string state;
        await using (var first = await RunAsync(Live(), dir))
        {
            await UntilAsync(first, async () => (await DecisionsAsync(first)).Any(d => d.Status == "awaiting_approval"), "a decision to wait for approval");
            await UntilAsync(first, async () => (await DecisionsAsync(first)).All(d => d.Status != "running"), "the flows to settle");
            var waiting = (await DecisionsAsync(first)).Where(d => d.Status == "awaiting_approval").Select(d => d.Id).ToList();
            await first.PostAsync($"/api/decisions/{waiting[0]}/approve", "{\"by\":\"test\"}");
            await Eventually.UntilAsync(async () => (await first.GetAsync($"/api/decisions/{waiting[0]}")).GetProperty("status").GetString() == "executed",
                TimeSpan.FromSeconds(60), "the approved flow to execute");
            before = await DecisionsAsync(first);
            state = await StateAsync(first);
            Assert.Single((await first.GetAsync("/api/positions")).GetProperty("positions").EnumerateArray());

            var (code, _) = await first.SignalAsync(9, TimeSpan.FromSeconds(10)); // kill -9: no chance to clean up
            Assert.Equal(137, code);
        }

        await using var second = await RunAsync(Live(), dir);
        Assert.Equal(before, await DecisionsAsync(second));
        Assert.Equal(state, await StateAsync(second));
        Assert.True((await second.GetAsync("/api/decisions/verify")).GetProperty("intact").GetBoolean());

        // A flow that was waiting when the process died still takes its answer.
        var stillWaiting = before.First(d => d.Status == "awaiting_approval").Id;
        await second.PostAsync($"/api/decisions/{stillWaiting}/approve", "{\"by\":\"test\"}");
        await Eventually.UntilAsync(async () => (await second.GetAsync($"/api/decisions/{stillWaiting}")).GetProperty("status").GetString() is "executed" or "rejected",
            TimeSpan.FromSeconds(60), "the waiting flow to finish after the restart");

        // More market data after the restart: new flows, and still one order per decision and per client id.
        Release(700);
        await Eventually.UntilAsync(async () => (await DecisionsAsync(second)).Count > before.Count + 1, TimeSpan.FromSeconds(60), "decisions on the new candles");
        var orders = (await second.GetAsync("/api/orders?limit=1000")).EnumerateArray().ToList();
        Assert.Equal(orders.Count, orders.Select(o => o.GetProperty("client_order_id").GetString()).Distinct().Count());
        var executed = (await DecisionsAsync(second)).Where(d => d.Status == "executed").Select(d => d.Id).ToHashSet();
        foreach (var id in executed)
        {
            Assert.Equal(1, (await second.GetAsync($"/api/decisions/{id}")).GetProperty("order").ValueKind == JsonValueKind.Object ? 1 : 0);
        }

        Assert.True((await second.GetAsync("/api/decisions/verify")).GetProperty("intact").GetBoolean());
        var (stopped, took) = await second.SignalAsync(15, TimeSpan.FromSeconds(15));
        Assert.Equal(143, stopped);
        Assert.True(took < TimeSpan.FromSeconds(10), $"SIGTERM took {took.TotalSeconds:0.0} s" + second.Log);
        NoStackTraces(second);
    }

    [Fact]
    public async Task Sigterm_stops_within_ten_seconds_with_one_line_and_the_conventional_code()
    {
        Release(200);
        await using var h = await RunAsync(Live(), Dir("term"));
        await UntilAsync(h, async () => (await h.GetAsync("/api/status")).GetProperty("counts").GetProperty("signals").GetInt64() > 0, "the host to trade");
        var (code, took) = await h.SignalAsync(15, TimeSpan.FromSeconds(15));
        Assert.Equal(143, code);
        Assert.True(took < TimeSpan.FromSeconds(10), $"SIGTERM took {took.TotalSeconds:0.0} s" + h.Log);
        Assert.StartsWith("lyra: stopped on SIGTERM; state kept in ", h.Output[^1], StringComparison.Ordinal);
        Assert.Single(h.Output, l => l.StartsWith("lyra: stopped", StringComparison.Ordinal));
        NoStackTraces(h);
        Assert.False(File.Exists(Path.Combine(Dir("term"), "azurite", "azurite.json")), "Azurite was stopped with lyra");
    }

    [Fact]
    public async Task Losing_azurite_stops_the_host_with_one_line_instead_of_retrying_forever()
    {
        Release(120);
        await using var h = await RunAsync(Live(), Dir("lost"));
        var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Dir("lost"), "azurite", "azurite.json"))).RootElement;
        System.Diagnostics.Process.GetProcessById(record.GetProperty("Pid").GetInt32()).Kill();
        var code = await h.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(3, code);
        Assert.Equal("lyra: Azurite (the local storage) exited unexpectedly; stopped", h.Error[^1]);
        NoStackTraces(h);
    }

    [Fact]
    public async Task A_backup_restores_into_a_new_data_directory_with_the_same_positions_orders_and_an_intact_chain()
    {
        Release(400);
        string state;
        await using (var h = await RunAsync(Live(new Dictionary<string, string> { ["Lyra__Trading__ApprovalNotional"] = "" }), Dir("source")))
        {
            await UntilAsync(h, async () => (await h.GetAsync("/api/orders")).GetArrayLength() > 0 && (await DecisionsAsync(h)).All(d => d.Status != "running"), "orders to be placed");
            state = await StateAsync(h);
            Assert.Equal(143, (await h.SignalAsync(15, TimeSpan.FromSeconds(15))).ExitCode);
        }

        var backup = Dir("backup");
        var b = await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(2), "data", "backup", "--data-dir", Dir("source"), "--out", backup);
        Assert.True(b.ExitCode == 0, b.Output + b.Error);
        Assert.Contains("decisions", b.Output, StringComparison.Ordinal);
        var r = await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(2), "data", "restore", backup, "--data-dir", Dir("restored"));
        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        Assert.Contains("decision journal chain intact", r.Output, StringComparison.Ordinal);
        var again = await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(2), "data", "restore", backup, "--data-dir", Dir("restored"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds data", again.Error, StringComparison.Ordinal);

        await using var restored = await RunAsync(Live(new Dictionary<string, string> { ["Lyra__Trading__ApprovalNotional"] = "" }), Dir("restored"));
        Assert.Equal(state, await StateAsync(restored));
        Assert.True((await restored.GetAsync("/api/decisions/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_second_host_on_the_same_data_directory_is_refused_and_the_first_keeps_running()
    {
        Release(60);
        var dir = Dir("shared");
        await using var first = await RunAsync(Live(), dir);
        var second = await LyraProcess.RunAsync(Live(), TimeSpan.FromMinutes(1), "run", "--data-dir", dir, "--port", "0");
        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"the data directory {dir} is in use by another lyra", second.Error, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, (await first.GetAsync("/api/status")).GetProperty("counts").ValueKind); // still answering
        var (code, _) = await first.SignalAsync(15, TimeSpan.FromSeconds(15));
        Assert.Equal(143, code);
    }

    [Fact]
    public async Task Ctrl_c_during_a_replay_stops_it_within_ten_seconds_with_one_line()
    {
        // At real speed the built-in day would run for a day: the replay is mid-way when the signal comes.
        await using var h = await LyraHostProcess.StartAsync(new Dictionary<string, string>(), "run", "--replay", "--speed", "60", "--port", "0");
        await UntilAsync(h, async () => (await h.GetAsync("/api/status")).GetProperty("counts").GetProperty("signals").GetInt64() >= 0, "the replay's API to answer");
        var (code, took) = await h.SignalAsync(2, TimeSpan.FromSeconds(15));
        Assert.Equal(130, code);
        Assert.True(took < TimeSpan.FromSeconds(10), $"SIGINT took {took.TotalSeconds:0.0} s" + h.Log);
        Assert.StartsWith("lyra: stopped on SIGINT; ", h.Output[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(h.Output, l => l.StartsWith("== Lyra replay summary", StringComparison.Ordinal));
        NoStackTraces(h);
    }
}
