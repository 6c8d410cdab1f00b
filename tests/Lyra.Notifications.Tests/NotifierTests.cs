using System.Text.Json;
using Lyra.Notifications.Channels;
using Lyra.Notifications.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyra.Notifications.Tests;

/// <summary>Channels, routing and retries against a loopback webhook receiver that verifies signatures.</summary>
public sealed class NotifierTests
{
    private const string Secret = "webhook-secret-0123456789";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLyraNotifications(config).BuildServiceProvider();
    }

    private static Notification Alert(string kind, string severity, string id = "n-1") => new(id, kind, severity, kind + ": something", "details", Now);

    [Fact]
    public async Task A_signed_webhook_arrives_once_and_the_receiver_can_verify_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        using var sp = Services(new()
        {
            ["Lyra:Notifications:Channels:ops:Type"] = "webhook",
            ["Lyra:Notifications:Channels:ops:Url"] = receiver.Url.ToString(),
            ["Lyra:Notifications:Channels:ops:Secret"] = Secret,
            ["Lyra:Notifications:Routes:0:Kinds:0"] = "drawdown_breaker",
            ["Lyra:Notifications:Routes:0:MinSeverity"] = "critical",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "ops",
        });
        var notifier = sp.GetRequiredService<Notifier>();

        Assert.Empty(await notifier.SendAsync(Alert("exchange_down", "critical"))); // no route takes it
        Assert.Empty(await notifier.SendAsync(Alert("drawdown_breaker", "warning"))); // below the route's severity
        var receipt = Assert.Single(await notifier.SendAsync(Alert("drawdown_breaker", "critical")));
        Assert.Equal(("ops", true, 1), (receipt.Channel, receipt.Delivered, receipt.Attempts));
        var (body, signature, valid) = Assert.Single(receiver.Received);
        Assert.True(valid, signature);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("n-1", "drawdown_breaker", "critical"), (json.GetProperty("id").GetString(), json.GetProperty("kind").GetString(), json.GetProperty("severity").GetString()));

        // The same notification again: not delivered twice.
        Assert.Equal("already delivered", Assert.Single(await notifier.SendAsync(Alert("drawdown_breaker", "critical"))).Detail);
        Assert.Single(receiver.Received);
        Assert.Equal(receipt, notifier.LastReceipt("ops"));
    }

    [Fact]
    public async Task Retryable_failures_are_retried_and_a_refusal_is_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sp = Services(new()
        {
            ["Lyra:Notifications:Channels:ops:Url"] = receiver.Url.ToString(),
            ["Lyra:Notifications:RetryDelaySeconds"] = "0.01",
            ["Lyra:Notifications:MaxAttempts"] = "3",
        });
        var notifier = sp.GetRequiredService<Notifier>();

        receiver.FailNext(503, 429);
        var ok = Assert.Single(await notifier.SendAsync(Alert("message", "info", "a"), ["ops"]));
        Assert.Equal((true, 3), (ok.Delivered, ok.Attempts));

        receiver.FailNext(500, 502, 503);
        var gaveUp = Assert.Single(await notifier.SendAsync(Alert("message", "info", "b"), ["ops"]));
        Assert.Equal((false, 3), (gaveUp.Delivered, gaveUp.Attempts));
        Assert.EndsWith("answered 503 Service Unavailable", gaveUp.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-path", gaveUp.Detail, StringComparison.Ordinal);

        receiver.FailNext(404);
        var refused = Assert.Single(await notifier.SendAsync(Alert("message", "info", "c"), ["ops"]));
        Assert.Equal((false, 1), (refused.Delivered, refused.Attempts)); // a wrong URL does not get better by asking again
        Assert.Equal(3 + 3 + 1, receiver.Requests); // a: 3 attempts, b: 3, c: 1

        var e = await Assert.ThrowsAsync<Core.Errors.ValidationException>(() => notifier.SendAsync(Alert("message", "info", "d"), ["nope"]));
        Assert.Equal("channel", e.Field);
    }

    [Theory]
    [InlineData("slack", "text", "*[CRITICAL] drawdown_breaker: something*\ndetails")]
    [InlineData("discord", "content", "**[CRITICAL] drawdown_breaker: something**\ndetails")]
    [InlineData("teams", "title", "[CRITICAL] drawdown_breaker: something")]
    public void Chat_services_get_their_own_incoming_webhook_format(string type, string field, string expected)
    {
        var channel = new WebhookChannel("chat", type, new Uri("https://hooks.example.test/x"), null, new HttpClient(), TimeProvider.System);
        var json = JsonDocument.Parse(channel.Format(Alert("drawdown_breaker", "critical"))).RootElement;
        Assert.Equal(expected, json.GetProperty(field).GetString());
        if (type == "teams") Assert.Equal("MessageCard", json.GetProperty("@type").GetString());
    }

    [Fact]
    public void Bad_channel_settings_are_start_up_errors_naming_them()
    {
        using var sp = Services(new()
        {
            ["Lyra:Notifications:Channels:a:Type"] = "pager",
            ["Lyra:Notifications:Channels:a:Url"] = "https://hooks.example.test/x",
            ["Lyra:Notifications:Channels:b:Url"] = "http://hooks.example.test/secret-token",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "c",
            ["Lyra:Notifications:Routes:0:MinSeverity"] = "loud",
        });
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains("Lyra:Notifications:Channels:a:Type: 'pager' is not one of webhook, slack, discord, teams, email, telegram, sms", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:b:Url: 'http://hooks.example.test/…' is not an https address (http only on loopback)", e.Failures);
        Assert.Contains("Lyra:Notifications:Routes:0:Channels: there is no channel 'c' (Lyra:Notifications:Channels:c:Url)", e.Failures);
        Assert.Contains("Lyra:Notifications:Routes:0:MinSeverity: 'loud' is not one of info, warning, critical", e.Failures);
        Assert.DoesNotContain(e.Failures, f => f.Contains("secret-token", StringComparison.Ordinal));
    }
}

/// <summary>Per-channel rate limits.</summary>
public sealed class NotifierRateLimitTests
{
    [Fact]
    public async Task A_flood_is_held_at_the_channels_limit_and_flows_again_a_minute_later()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lyra:Notifications:Channels:ops:Url"] = receiver.Url.ToString(),
            ["Lyra:Notifications:Channels:ops:MaxPerMinute"] = "3",
        }).Build();
        using var sp = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddLyraNotifications(config).BuildServiceProvider();
        var notifier = sp.GetRequiredService<Notifier>();
        var receipts = new List<DeliveryReceipt>();
        for (var i = 0; i < 5; i++) receipts.AddRange(await notifier.SendAsync(new Notification($"n-{i}", "message", "info", "t", "b", clock.GetUtcNow()), ["ops"]));

        Assert.Equal([true, true, true, false, false], receipts.Select(r => r.Delivered));
        Assert.StartsWith("rate limited: 3 deliveries in the last minute", receipts[3].Detail, StringComparison.Ordinal);
        Assert.Equal(3, receiver.Requests);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(Assert.Single(await notifier.SendAsync(new Notification("n-3", "message", "info", "t", "b", clock.GetUtcNow()), ["ops"])).Delivered);
    }
}
