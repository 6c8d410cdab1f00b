using System.Net.Http.Json;
using System.Text.Json;
using DurableTask.Core;
using Lyra.Ai.Voting;
using Lyra.Cli.Hosting;
using Lyra.Core.Journals;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace Lyra.Cli.Tests;

/// <summary>
/// The dashboard in Debian's headless Chromium against the local host with real flows on the durable engine: pages
/// render the host's data, approve resumes a waiting flow, stop blocks the next one, no console errors. Screenshots are
/// kept under the test output (<c>screenshots/</c>).
/// </summary>
public sealed class DashboardTests
{
    private static readonly Market Btc = Market.Parse("replay:BTCUSDT:1m");

    private static string Shots => HeadlessBrowser.Screenshots;

    private static Task<IBrowser> LaunchAsync() => HeadlessBrowser.LaunchAsync();

    private static async Task<Strategies.Signals.Signal> SignalAsync(RunningHost host, int minute)
    {
        var candles = TestCandles.FromCloses([.. Enumerable.Range(0, 60 + minute).Select(i => 200m + i)]);
        await host.Get<ICandleStore>().UpsertAsync(Btc, candles);
        return new Strategies.Signals.Signal("sma-cross", Btc.Key, candles[^1].OpenTime, TradeAction.Buy, candles[^1].Close, "dashboard test");
    }

    private static async Task<DecisionJournal> WaitForStatusAsync(RunningHost host, string id, Func<DecisionJournal, bool> done)
    {
        var journals = host.Get<IJournalStore<DecisionJournal>>();
        for (var i = 0; i < 600; i++)
        {
            if (await journals.GetAsync(id) is { } j && done(j)) return j;
            await Task.Delay(100);
        }

        throw new TimeoutException($"decision {id} did not reach the expected state: {JsonSerializer.Serialize(await journals.GetAsync(id))}");
    }

    [ChromiumFact]
    public async Task Pages_render_the_hosts_data_approve_resumes_a_flow_and_stop_blocks_the_next()
    {
        await using var host = await RunningHost.StartAsync(
            s => { s.AddSingleton<IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2", ["Lyra:Trading:ApprovalNotional"] = "0" });
        var flows = host.Get<TaskHubTradeFlowClient>();
        var first = await SignalAsync(host, 0);
        Assert.True(await flows.StartTradeFlowAsync(TradeFlowInput.From(first)));
        await WaitForStatusAsync(host, first.Id, j => j.Status == DecisionStatus.AwaitingApproval);

        await using var browser = await LaunchAsync();
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) lock (errors) errors.Add(e.Message.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e.Message); };
        var root = host.Http.BaseAddress!.ToString().TrimEnd('/');

        // Without a key the page asks for one.
        await page.GoToAsync(root + "/#/overview");
        await page.WaitForSelectorAsync("#keybar:not(.hidden)");
        await page.TypeAsync("#key", host.Key);
        await page.ClickAsync("#key-save");
        await page.WaitForSelectorAsync("#equity");
        await page.WaitForSelectorAsync("#trading.on");
        errors.Clear(); // the 401s before the key are expected

        // The approval inbox shows the waiting decision; approving it resumes the flow, which buys.
        await page.GoToAsync(root + "/#/decisions");
        await page.WaitForSelectorAsync($"#inbox [data-approve='{first.Id}']");
        Assert.Equal("1", await page.EvaluateExpressionAsync<string>("document.getElementById('inbox-count').textContent"));
        await page.ScreenshotAsync(Path.Combine(Shots, "decisions-inbox.png"));
        await page.ClickAsync($"#inbox [data-approve='{first.Id}']");
        await page.WaitForSelectorAsync("#confirm[open]");
        await page.ClickAsync("#confirm-ok");
        var approved = await WaitForStatusAsync(host, first.Id, j => j.Status == DecisionStatus.Executed);
        Assert.True(approved.Approval!.Approved);

        // The overview shows the position the approved decision opened (the live stream refreshes the page).
        await page.GoToAsync(root + "/#/overview");
        await page.WaitForFunctionAsync($"() => document.querySelector('#positions') && document.querySelector('#positions').textContent.includes('{Btc.Key}')");
        await page.ScreenshotAsync(Path.Combine(Shots, "overview.png"), new ScreenshotOptions { FullPage = true });

        // Force-exit the position from the overview: a sell through the decision flow (risk gate, approval, order, fill).
        await page.ClickAsync($"[data-exit='{Btc.Key}']");
        await page.WaitForSelectorAsync("#confirm[open]");
        await page.ClickAsync("#confirm-ok");
        // Orders above the approval notional wait for a person, a person's exit too: it is in the inbox.
        await page.GoToAsync(root + "/#/decisions");
        await page.WaitForSelectorAsync("#inbox [data-approve^='manual-exit-']", new WaitForSelectorOptions { Timeout = 30_000 });
        await page.ClickAsync("#inbox [data-approve^='manual-exit-']");
        await page.WaitForSelectorAsync("#confirm[open]");
        await page.ClickAsync("#confirm-ok");
        await page.GoToAsync(root + "/#/overview");
        await page.WaitForFunctionAsync("() => document.querySelector('#positions') && document.querySelector('#positions').textContent.includes('no open positions')",
            new WaitForFunctionOptions { Timeout = 60_000 });
        var exit = (await host.Get<IJournalStore<DecisionJournal>>().ListAsync(new JournalQuery(Btc.Key, Limit: 10))).Single(j => j.Id.StartsWith("manual-exit-", StringComparison.Ordinal));
        Assert.Equal((DecisionStatus.Executed, TradeAction.Sell), (exit.Status, exit.Signal.Action));

        // The drill-down shows the votes, the risk checks and the approval.
        await page.GoToAsync(root + $"/#/decisions/{first.Id}");
        await page.WaitForFunctionAsync("() => document.querySelector('main h1') && document.querySelector('main h1').textContent.startsWith('Decision')");
        var text = await page.EvaluateExpressionAsync<string>("document.querySelector('main').innerText");
        Assert.Contains("f1", text, StringComparison.Ordinal);
        Assert.Contains("approved by dashboard", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(Path.Combine(Shots, "decision.png"), new ScreenshotOptions { FullPage = true });

        // Stop trading from the header: the next flow is refused by the kill switch.
        await page.ClickAsync("#trading-toggle");
        await page.WaitForSelectorAsync("#confirm[open]");
        await page.ClickAsync("#confirm-ok");
        await page.WaitForSelectorAsync("#trading.off", new WaitForSelectorOptions { Timeout = 15_000 });
        var status = (await host.Http.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("data");
        Assert.False(status.GetProperty("trading_enabled").GetBoolean());
        var second = await SignalAsync(host, 1);
        Assert.True(await flows.StartTradeFlowAsync(TradeFlowInput.From(second)));
        var refused = await WaitForStatusAsync(host, second.Id, j => j.Status is DecisionStatus.Rejected or DecisionStatus.Executed or DecisionStatus.Failed);
        Assert.Equal(DecisionStatus.Rejected, refused.Status);
        Assert.Contains("kill_switch", refused.Reasons);

        foreach (var name in new[] { "strategies", "alerts", "notifications", "settings", "ai", "testing" })
        {
            await page.GoToAsync(root + "/#/" + name);
            await page.WaitForFunctionAsync($"() => document.querySelector('main h1') && document.querySelector('main h1').textContent.toLowerCase() === '{name}'");
            Assert.Null(await page.QuerySelectorAsync("main .flash.error"));
            await page.ScreenshotAsync(Path.Combine(Shots, name + ".png"), new ScreenshotOptions { FullPage = true });
        }

        // The self-test from its page (trading is stopped: its buy is refused by the kill switch, and it still passes).
        await page.GoToAsync(root + "/#/testing");
        await page.WaitForSelectorAsync("#run-selftest");
        await page.ClickAsync("#run-selftest");
        await page.WaitForSelectorAsync("#confirm[open]");
        await page.ClickAsync("#confirm-ok");
        await page.WaitForSelectorAsync("#selftest .pill.passed", new WaitForSelectorOptions { Timeout = 60_000 });
        await page.ScreenshotAsync(Path.Combine(Shots, "testing.png"), new ScreenshotOptions { FullPage = true });

        lock (errors) Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task A_strategy_switch_from_the_strategies_page_is_one_change_kept_in_storage()
    {
        await using var host = await RunningHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Lyra:Strategy:Assignments:fast:Name"] = "sma-cross",
            ["Lyra:Strategy:Assignments:slow:Name"] = "sma-cross",
            ["Lyra:Strategy:Assignments:slow:Parameters:fast"] = "20",
            ["Lyra:Strategy:Assignments:slow:Parameters:slow"] = "50",
            ["Lyra:Strategy:Assignments:slow:Active"] = "false",
        });
        await using var browser = await LaunchAsync();
        await using var page = await browser.NewPageAsync();
        var root = host.Http.BaseAddress!.ToString().TrimEnd('/');
        await page.GoToAsync(root + "/#/strategies");
        await page.EvaluateExpressionAsync($"localStorage.setItem('lyra.key', '{host.Key}')");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-switch='fast']");
        await page.SelectAsync("[data-switch-to='fast']", "slow");
        await page.ClickAsync("[data-switch='fast']");
        await page.WaitForSelectorAsync("#confirm[open]");
        await page.ClickAsync("#confirm-ok");
        await page.WaitForSelectorAsync("[data-switch='slow']");

        var active = (await host.Get<Lyra.Strategies.Management.StrategyRegistry>().ListAsync()).ToDictionary(a => a.Id, a => (a.Active, a.Source));
        Assert.Equal((false, "runtime"), active["fast"]);
        Assert.Equal((true, "runtime"), active["slow"]);
    }

    [Fact]
    public async Task The_page_and_its_files_are_served_with_validators_and_the_stream_asks_for_the_key()
    {
        await using var host = await RunningHost.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var page = await anonymous.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/dashboard/vendor/lightweight-charts.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var chart = await anonymous.GetAsync("/dashboard/vendor/lightweight-charts.js");
        Assert.Contains("Lightweight Charts", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/app.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", (await anonymous.GetAsync("/dashboard/app.js")).Headers.ETag!.Tag);
        Assert.Equal(System.Net.HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymous.GetAsync("/dashboard/nope.js")).StatusCode);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/events")).StatusCode);
        using var stream = await host.Http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal("retry: 3000", await reader.ReadLineAsync());
        Assert.Equal("", await reader.ReadLineAsync());
        Assert.Equal("event: pulse", await reader.ReadLineAsync());
        Assert.Equal("id: 1", await reader.ReadLineAsync());
        var pulse = JsonDocument.Parse((await reader.ReadLineAsync())!["data: ".Length..]).RootElement;
        Assert.True(pulse.GetProperty("trading_enabled").GetBoolean());

        // Stopping trading changes the pulse: the next event says so.
        using var stop = await host.Http.PostAsJsonAsync("/api/trading/stop", new { reason = "test" });
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
        }

        Assert.False(JsonDocument.Parse(line![6..]).RootElement.GetProperty("trading_enabled").GetBoolean());
    }
}
