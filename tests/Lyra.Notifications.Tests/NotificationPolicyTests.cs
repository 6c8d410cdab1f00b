using Lyra.Notifications.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyra.Notifications.Tests;

/// <summary>Modes, quiet hours across midnight and time zones, digest boundaries, and their setting errors.</summary>
public sealed class NotificationPolicyTests
{
    private static NotificationOptions Quiet(string start, string end, string zone = "UTC") =>
        new() { QuietHours = new QuietHoursOptions { Start = start, End = end, TimeZone = zone } };

    [Theory]
    [InlineData("2026-12-04T23:30:00Z", "2026-12-05T07:00:00Z")] // after the start, before midnight
    [InlineData("2026-12-05T03:00:00Z", "2026-12-05T07:00:00Z")] // after midnight
    [InlineData("2026-12-05T07:00:00Z", null)] // the end itself is not quiet
    [InlineData("2026-12-04T12:00:00Z", null)]
    public void Quiet_hours_span_midnight(string now, string? until)
    {
        var end = NotificationPolicy.QuietUntil(Quiet("22:00", "07:00"), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), "warning");
        Assert.Equal(until is null ? null : DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), end);
    }

    [Fact]
    public void Quiet_hours_are_read_in_their_time_zone_and_critical_passes()
    {
        // 21:30 UTC is 22:30 in Berlin in December (UTC+1): quiet until 07:00 Berlin = 06:00 UTC.
        var o = Quiet("22:00", "07:00", "Europe/Berlin");
        var now = new DateTimeOffset(2026, 12, 4, 21, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero), NotificationPolicy.QuietUntil(o, now, "info")?.ToUniversalTime());
        Assert.Null(NotificationPolicy.QuietUntil(o, now, "critical"));
    }

    [Fact]
    public void Modes_default_to_digest_for_fills_and_on_otherwise_and_star_sets_the_rest()
    {
        var o = new NotificationOptions();
        Assert.Equal(("digest", "digest", "on"), (NotificationPolicy.ModeOf(o, "order.filled"), NotificationPolicy.ModeOf(o, "order.partially_filled"), NotificationPolicy.ModeOf(o, "exchange_down")));
        o.Events["*"] = "silent";
        o.Events["order.filled"] = "on";
        Assert.Equal(("on", "silent"), (NotificationPolicy.ModeOf(o, "order.filled"), NotificationPolicy.ModeOf(o, "exchange_down")));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 12, 15, 0, TimeSpan.Zero),
            NotificationPolicy.NextDigest(new NotificationOptions { DigestMinutes = 15 }, new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Bad_policy_settings_are_start_up_errors_naming_them()
    {
        using var sp = new ServiceCollection().AddLyraNotifications(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lyra:Notifications:Channels:ops:Url"] = "https://hooks.example.test/x",
            ["Lyra:Notifications:Events:order.filled"] = "loud",
            ["Lyra:Notifications:QuietHours:Start"] = "22h",
            ["Lyra:Notifications:QuietHours:End"] = "07:00",
            ["Lyra:Notifications:QuietHours:TimeZone"] = "Mars/Olympus",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "ops",
            ["Lyra:Notifications:Routes:0:EscalateAfterMinutes"] = "5",
        }).Build()).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains("Lyra:Notifications:Events:order.filled: 'loud' is not one of on, silent, digest, off", e.Failures);
        Assert.Contains("Lyra:Notifications:QuietHours:Start: '22h' is not a time of day HH:mm", e.Failures);
        Assert.Contains("Lyra:Notifications:QuietHours:TimeZone: 'Mars/Olympus' is not a time zone this machine knows (IANA ids, e.g. Europe/Berlin)", e.Failures);
        Assert.Contains("Lyra:Notifications:Routes:0:EscalateTo: name the channels to escalate to", e.Failures);
    }
}
