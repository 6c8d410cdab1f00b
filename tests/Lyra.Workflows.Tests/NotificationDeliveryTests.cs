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
