using Lyra.Monitoring.Alerts;
using Lyra.Notifications.Delivery;
using Lyra.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Lyra.Workflows.Tests;

/// <summary>An alert becomes a notification in the durable outbox and reaches the routed channel once, through failures.</summary>
public sealed class NotificationDeliveryTests
{
    [Fact]
    public async Task A_raised_alert_is_delivered_once_and_a_failing_channel_is_retried_in_later_rounds()
    {
        var received = new List<string>();
        var fail = 0;
        var (receiver, root) = await LoopbackServer.StartAsync(a => a.MapPost("/hook", async (HttpContext ctx) =>
        {
            if (Interlocked.Decrement(ref fail) >= 0)
            {
                ctx.Response.StatusCode = 503;
                return;
            }

            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            lock (received) received.Add(ctx.Request.Headers["X-Lyra-Notification-Id"] + " " + body);
        }));
        await using var _ = receiver;
        await using var h = await FlowHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Lyra:Notifications:Channels:ops:Url"] = new Uri(root, "hook").ToString(),
            ["Lyra:Notifications:Routes:0:MinSeverity"] = "critical",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "ops",
            ["Lyra:Notifications:MaxAttempts"] = "1",
            ["Lyra:Notifications:DispatchSeconds"] = "0", // this test drains, on its own clock
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(1));
        var dispatcher = new NotificationDispatcher(h.Get<INotificationOutbox>(), h.Get<Notifier>(), clock);
        var alerts = h.Get<IAlertStore>();

        fail = 1;
        await alerts.RaiseAsync(AlertKinds.DrawdownBreaker, "drawdown 21 % ≥ 20 %: trading stopped");
        await alerts.RaiseAsync(AlertKinds.ExchangeDown, "gateio: timeout", "gateio"); // a warning: no route takes it
        Assert.Equal(1, await dispatcher.DrainAsync()); // the warning is finished (nobody to tell); the breaker failed once
        Assert.Empty(received);
        Assert.Equal(0, await dispatcher.DrainAsync()); // its next round is a minute away

        clock.Advance(NotificationDispatcher.FirstPause);
        Assert.Equal(1, await dispatcher.DrainAsync());
        var line = Assert.Single(received);
        Assert.StartsWith("alert:drawdown_breaker::", line, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"critical\"", line, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.DrainAsync()); // finished: never again
        Assert.Single(received);
        var recent = await h.Get<INotificationOutbox>().ListRecentAsync(10);
        Assert.Equal([(AlertKinds.DrawdownBreaker, 2, (string[])["ops"]), (AlertKinds.ExchangeDown, 1, [])],
            recent.OrderBy(r => r.Notification.Kind, StringComparer.Ordinal).Select(r => (r.Notification.Kind, r.Rounds, r.Delivered.ToArray())));
        Assert.All(recent, r => Assert.Null(r.NextAttempt));
    }
}

/// <summary>Per-kind modes, digests, quiet hours and escalation, on the real outbox (Azurite) and loopback receivers.</summary>
public sealed class NotificationPolicyTests
{
    private sealed class Hooks : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public readonly Dictionary<string, List<string>> Received = [];

        private Hooks(WebApplication app, Uri root) => (_app, Root) = (app, root);

        public Uri Root { get; }

        public List<string> Of(string hook)
        {
            lock (Received) return Received.TryGetValue(hook, out var l) ? [.. l] : [];
        }

        public static async Task<Hooks> StartAsync()
        {
            Hooks? hooks = null;
            var (app, root) = await LoopbackServer.StartAsync(a => a.MapPost("/{hook}", async (HttpContext ctx, string hook) =>
            {
                var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
                lock (hooks!.Received) (hooks.Received.TryGetValue(hook, out var l) ? l : hooks.Received[hook] = []).Add(body);
            }));
            return hooks = new Hooks(app, root);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(Hooks hooks, Dictionary<string, string?> more)
    {
        var s = new Dictionary<string, string?>
        {
            ["Lyra:Notifications:Channels:ops:Url"] = new Uri(hooks.Root, "ops").ToString(),
            ["Lyra:Notifications:Channels:pager:Url"] = new Uri(hooks.Root, "pager").ToString(),
            ["Lyra:Notifications:MaxAttempts"] = "1",
            ["Lyra:Notifications:DispatchSeconds"] = "0",
        };
        foreach (var (k, v) in more) s[k] = v;
        return s;
    }

    private static string Title(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("title").GetString()!;

    [Fact]
    public async Task Fills_come_as_one_digest_per_period_and_an_event_kind_set_off_is_not_sent()
    {
        await using var hooks = await Hooks.StartAsync();
        await using var h = await FlowHarness.StartAsync(settings: Settings(hooks, new()
        {
            ["Lyra:Notifications:Routes:0:MinSeverity"] = "info",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "ops",
            ["Lyra:Notifications:Events:order.canceled"] = "off",
            ["Lyra:Notifications:DigestMinutes"] = "15",
        }));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(1));
        var dispatcher = new NotificationDispatcher(h.Get<INotificationOutbox>(), h.Get<Notifier>(), clock);
        var events = h.Get<Monitoring.Events.TradeEvents>();
        var fill = new { side = "buy", quantity = 0.5m, filled_quantity = 0.5m, average_price = 43000m };
        await events.WriteAsync("order.filled:a", Monitoring.Events.TradeEventTypes.OrderFilled, "paper:BTCUSDT", fill);
        await events.WriteAsync("order.filled:b", Monitoring.Events.TradeEventTypes.OrderFilled, "paper:BTCUSDT", fill with { side = "sell" });
        await events.WriteAsync("order.filled:b", Monitoring.Events.TradeEventTypes.OrderFilled, "paper:BTCUSDT", fill); // a retried step: the same event
        await events.WriteAsync("order.canceled:c", Monitoring.Events.TradeEventTypes.OrderCanceled, "paper:BTCUSDT", fill);

        Assert.Equal(1, await dispatcher.DrainAsync()); // the cancellation is finished undelivered; the fills wait for the digest
        Assert.Empty(hooks.Of("ops"));
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(2, await dispatcher.DrainAsync());
        var digest = Assert.Single(hooks.Of("ops"));
        Assert.Equal("2 × order.filled in the last 15 min", Title(digest));
        var body = System.Text.Json.JsonDocument.Parse(digest).RootElement.GetProperty("body").GetString()!;
        Assert.Contains("Filled: buy 0.5 paper:BTCUSDT @ 43000", body, StringComparison.Ordinal);
        Assert.Contains("Filled: sell 0.5 paper:BTCUSDT @ 43000", body, StringComparison.Ordinal);

        var recent = await h.Get<INotificationOutbox>().ListRecentAsync(10);
        Assert.Equal("off (Lyra:Notifications:Events:order.canceled)", Assert.Single(recent, r => r.Notification.Kind == "order.canceled").LastError);
        Assert.All(recent, r => Assert.Null(r.NextAttempt));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.DrainAsync());
        Assert.Single(hooks.Of("ops"));
    }

    [Fact]
    public async Task Quiet_hours_hold_warnings_until_they_end_and_let_critical_alerts_through()
    {
        await using var hooks = await Hooks.StartAsync();
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        string At(TimeSpan offset) => now.Add(offset).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await using var h = await FlowHarness.StartAsync(settings: Settings(hooks, new()
        {
            ["Lyra:Notifications:Routes:0:MinSeverity"] = "warning",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "ops",
            ["Lyra:Notifications:QuietHours:Start"] = At(TimeSpan.FromMinutes(-30)),
            ["Lyra:Notifications:QuietHours:End"] = At(TimeSpan.FromMinutes(90)),
        }));
        var alerts = h.Get<IAlertStore>();
        await alerts.RaiseAsync(AlertKinds.ExchangeDown, "okx: timeout", "okx");
        await alerts.RaiseAsync(AlertKinds.DrawdownBreaker, "drawdown 21 % ≥ 20 %: trading stopped");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(1)); // after the alerts: they are due
        var dispatcher = new NotificationDispatcher(h.Get<INotificationOutbox>(), h.Get<Notifier>(), clock);

        Assert.Equal(1, await dispatcher.DrainAsync());
        Assert.Equal(["drawdown_breaker"], hooks.Of("ops").Select(b => Title(b)));
        var held = Assert.Single(await h.Get<INotificationOutbox>().ListRecentAsync(10), r => r.NextAttempt is not null);
        Assert.Equal(NotificationDispatcher.HeldForQuietHours, held.HeldFor);

        clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal(0, await dispatcher.DrainAsync()); // still quiet
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await dispatcher.DrainAsync());
        Assert.Equal(["drawdown_breaker", "exchange_down (okx)"], hooks.Of("ops").Select(b => Title(b)));
    }

    [Fact]
    public async Task An_alert_nobody_acknowledges_is_escalated_and_an_acknowledged_one_is_not()
    {
        await using var hooks = await Hooks.StartAsync();
        await using var h = await FlowHarness.StartAsync(settings: Settings(hooks, new()
        {
            ["Lyra:Notifications:Routes:0:MinSeverity"] = "critical",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "ops",
            ["Lyra:Notifications:Routes:0:EscalateAfterMinutes"] = "10",
            ["Lyra:Notifications:Routes:0:EscalateTo:0"] = "pager",
        }));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(1));
        var dispatcher = new NotificationDispatcher(h.Get<INotificationOutbox>(), h.Get<Notifier>(), clock, h.Get<IAlertAcknowledgements>());
        var alerts = h.Get<IAlertStore>();
        await alerts.RaiseAsync(AlertKinds.DrawdownBreaker, "drawdown 21 % ≥ 20 %: trading stopped");
        await alerts.RaiseAsync(AlertKinds.ReconciliationDrift, "okx BTC: 0.5 held, 0.4 booked", "okx");
        Assert.Equal(2, await dispatcher.DrainAsync());
        Assert.Equal(2, hooks.Of("ops").Count);
        Assert.Empty(hooks.Of("pager"));

        var drift = Assert.Single(await alerts.ListAsync(10), a => a.Kind == AlertKinds.ReconciliationDrift);
        await alerts.AcknowledgeAsync(drift.Id, "trader");
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, await dispatcher.DrainAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await dispatcher.DrainAsync());
        Assert.Equal(["Not acknowledged: drawdown_breaker"], hooks.Of("pager").Select(b => Title(b)));
        Assert.Equal(2, hooks.Of("ops").Count);
        var recent = await h.Get<INotificationOutbox>().ListRecentAsync(10);
        Assert.Equal("acknowledged: not escalated", Assert.Single(recent, r => r.Notification.Escalates is not null && r.Notification.Kind == AlertKinds.ReconciliationDrift).LastError);
    }
}
