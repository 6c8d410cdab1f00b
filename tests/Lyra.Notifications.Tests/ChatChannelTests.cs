using Lyra.Notifications.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyra.Notifications.Tests;

/// <summary>Telegram (Bot API) and SMS (Twilio) channels against loopback fakes of their wire formats.</summary>
public sealed class ChatChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["Lyra:Notifications:RetryDelaySeconds"] = "0.01";
        settings["Lyra:Notifications:MaxAttempts"] = "3";
        return new ServiceCollection().AddLyraNotifications(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }

    private static Dictionary<string, string?> Telegram(TelegramBotApiFake fake, string? token = null, string? chat = null) => new()
    {
        ["Lyra:Notifications:Channels:tg:Type"] = "telegram",
        ["Lyra:Notifications:Channels:tg:Token"] = token ?? fake.Token,
        ["Lyra:Notifications:Channels:tg:ChatId"] = chat ?? "4242",
        ["Lyra:Notifications:Channels:tg:BaseUrl"] = fake.BaseUrl,
        ["Lyra:Notifications:Routes:0:MinSeverity"] = "warning",
        ["Lyra:Notifications:Routes:0:Channels:0"] = "tg",
    };

    private static Dictionary<string, string?> Sms(TwilioFake fake, string token = TwilioFake.AuthToken) => new()
    {
        ["Lyra:Notifications:Channels:phone:Type"] = "sms",
        ["Lyra:Notifications:Channels:phone:AccountSid"] = TwilioFake.Sid,
        ["Lyra:Notifications:Channels:phone:AuthToken"] = token,
        ["Lyra:Notifications:Channels:phone:From"] = "+15005550006",
        ["Lyra:Notifications:Channels:phone:To:0"] = "+15557654321",
        ["Lyra:Notifications:Channels:phone:To:1"] = "+15551234567",
        ["Lyra:Notifications:Channels:phone:BaseUrl"] = fake.BaseUrl,
        ["Lyra:Notifications:Routes:0:MinSeverity"] = "critical",
        ["Lyra:Notifications:Routes:0:Channels:0"] = "phone",
    };

    private static Notification N(string id, string severity = "critical", bool silent = false) =>
        new(id, "exchange_down", severity, "exchange_down (okx)", "okx has not answered for 3 minutes", Now, Silent: silent);

    [Fact]
    public async Task Telegram_takes_the_message_in_the_chat_silent_when_asked_and_retries_flood_control()
    {
        await using var fake = await TelegramBotApiFake.StartAsync();
        using var sp = Services(Telegram(fake));
        var notifier = sp.GetRequiredService<Notifier>();

        var r = Assert.Single(await notifier.SendAsync(N("t-1")));
        Assert.True(r.Delivered, r.Detail);
        Assert.Equal(("[CRITICAL] exchange_down (okx)\nokx has not answered for 3 minutes", false), Assert.Single(fake.Messages));

        fake.FailNext(429, 502);
        var retried = Assert.Single(await notifier.SendAsync(N("t-2", "warning", silent: true)));
        Assert.Equal((true, 3), (retried.Delivered, retried.Attempts));
        Assert.True(fake.Messages.Last().Silent);
        Assert.Equal(4, fake.Requests);
    }

    [Fact]
    public async Task A_channels_template_shapes_its_text_and_an_unknown_placeholder_is_a_start_up_error()
    {
        await using var fake = await TelegramBotApiFake.StartAsync();
        var settings = Telegram(fake);
        settings["Lyra:Notifications:Channels:tg:Template"] = "{SEVERITY} {kind}: {title} at {time}\\n{body}";
        using (var sp = Services(settings))
        {
            Assert.True(Assert.Single(await sp.GetRequiredService<Notifier>().SendAsync(N("t-5"))).Delivered);
            Assert.Equal("CRITICAL exchange_down: exchange_down (okx) at 2026-12-04 12:00:00Z\nokx has not answered for 3 minutes", Assert.Single(fake.Messages).Text);
        }

        settings["Lyra:Notifications:Channels:tg:Template"] = "{title} {price}";
        using var bad = Services(settings);
        var e = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains("Lyra:Notifications:Channels:tg:Template: {price} is not one of {id}, {kind}, {severity}, {SEVERITY}, {title}, {body}, {time}", e.Failures);
    }

    [Fact]
    public async Task Telegram_refusals_are_final_and_say_what_Telegram_said()
    {
        await using var fake = await TelegramBotApiFake.StartAsync();
        using (var sp = Services(Telegram(fake, chat: "777")))
        {
            var r = Assert.Single(await sp.GetRequiredService<Notifier>().SendAsync(N("t-3")));
            Assert.Equal((false, 1), (r.Delivered, r.Attempts));
            Assert.Contains("400", r.Detail, StringComparison.Ordinal);
            Assert.Contains("chat not found", r.Detail, StringComparison.Ordinal);
        }

        const string revoked = "123456789:AAH-a-token-that-was-revoked-000";
        using (var sp = Services(Telegram(fake, token: revoked)))
        {
            var r = Assert.Single(await sp.GetRequiredService<Notifier>().SendAsync(N("t-4")));
            Assert.Equal((false, 1), (r.Delivered, r.Attempts));
            Assert.Contains("401", r.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(revoked, r.Detail, StringComparison.Ordinal);
        }

        Assert.Empty(fake.Messages);
    }

    [Fact]
    public async Task Sms_texts_every_number_through_Twilio_and_retries_only_what_may_pass()
    {
        await using var fake = await TwilioFake.StartAsync();
        using var sp = Services(Sms(fake));
        var notifier = sp.GetRequiredService<Notifier>();

        Assert.Empty(await notifier.SendAsync(N("s-0", "warning"))); // below the route's severity
        Assert.Empty(await notifier.SendAsync(N("s-1", silent: true))); // a text always rings: silent ones are not texted
        var r = Assert.Single(await notifier.SendAsync(N("s-2")));
        Assert.True(r.Delivered, r.Detail);
        Assert.Equal(["+15557654321", "+15551234567"], fake.Messages.Select(m => m.To));
        Assert.All(fake.Messages, m => Assert.Equal(("+15005550006", "[CRITICAL] exchange_down (okx)\nokx has not answered for 3 minutes"), (m.From, m.Body)));

        fake.FailNext(429);
        Assert.True(Assert.Single(await notifier.SendAsync(N("s-3"))).Delivered);
    }

    [Fact]
    public async Task Sms_with_a_wrong_token_is_refused_once_with_Twilios_reason()
    {
        await using var fake = await TwilioFake.StartAsync();
        using var sp = Services(Sms(fake, token: "not-the-token"));
        var r = Assert.Single(await sp.GetRequiredService<Notifier>().SendAsync(N("s-4")));
        Assert.Equal((false, 1), (r.Delivered, r.Attempts));
        Assert.Contains("401 Authenticate (20003)", r.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", r.Detail, StringComparison.Ordinal);
        Assert.Equal(1, fake.Requests);
    }

    [Fact]
    public void Bad_telegram_and_sms_settings_are_start_up_errors_naming_them()
    {
        using var sp = Services(new()
        {
            ["Lyra:Notifications:Channels:tg:Type"] = "telegram",
            ["Lyra:Notifications:Channels:tg:Token"] = "not-a-token",
            ["Lyra:Notifications:Channels:tg:ChatId"] = "my chat",
            ["Lyra:Notifications:Channels:phone:Type"] = "sms",
            ["Lyra:Notifications:Channels:phone:AccountSid"] = "AC123",
            ["Lyra:Notifications:Channels:phone:From"] = "5550006",
            ["Lyra:Notifications:Channels:phone:To:0"] = "+1555",
            ["Lyra:Notifications:Channels:phone:BaseUrl"] = "http://twilio.example.test",
        });
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains("Lyra:Notifications:Channels:tg:Token: the bot token is missing or not in BotFather's form <bot id>:<secret>", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:tg:ChatId: 'my chat' is not a chat id or @channel", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:phone:AccountSid: the Twilio account SID is missing or not AC followed by 32 hex digits", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:phone:AuthToken: the Twilio auth token is required (keep it in the vault)", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:phone:From: '5550006' is not a phone number in E.164 form (+15005550006)", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:phone:To:0: the number is not in E.164 form (+15005550006)", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:phone:BaseUrl: 'http://twilio.example.test' is not an https address (http only on loopback)", e.Failures);
        Assert.DoesNotContain(e.Failures, f => f.Contains("not-a-token", StringComparison.Ordinal));
    }
}
