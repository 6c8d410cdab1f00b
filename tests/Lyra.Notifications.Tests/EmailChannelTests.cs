using System.Net;
using System.Net.Sockets;
using Lyra.Notifications.Channels;
using Lyra.Notifications.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using netDumbster.smtp;

namespace Lyra.Notifications.Tests;

/// <summary>The email channel against a real SMTP server on loopback (netDumbster).</summary>
public sealed class EmailChannelTests
{
    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static ServiceProvider Services(int port, string security = "none", string host = "127.0.0.1") =>
        new ServiceCollection().AddLyraNotifications(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lyra:Notifications:Channels:mail:Type"] = "email",
            ["Lyra:Notifications:Channels:mail:Host"] = host,
            ["Lyra:Notifications:Channels:mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lyra:Notifications:Channels:mail:Security"] = security,
            ["Lyra:Notifications:Channels:mail:From"] = "lyra@example.test",
            ["Lyra:Notifications:Channels:mail:To:0"] = "ops@example.test",
            ["Lyra:Notifications:Routes:0:MinSeverity"] = "critical",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "mail",
            ["Lyra:Notifications:RetryDelaySeconds"] = "0.01",
            ["Lyra:Notifications:MaxAttempts"] = "2",
        }).Build()).BuildServiceProvider();

    [Fact]
    public async Task A_critical_alert_is_mailed_with_its_severity_in_the_subject_and_its_id_in_a_header()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        using var sp = Services(port);
        var n = new Notification("alert:drawdown_breaker::1", "drawdown_breaker", "critical", "drawdown_breaker", "drawdown 21 % ≥ 20 %: trading stopped",
            new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

        var receipt = Assert.Single(await sp.GetRequiredService<Notifier>().SendAsync(n));
        Assert.True(receipt.Delivered, receipt.Detail);
        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal("[CRITICAL] drawdown_breaker", mail.Subject);
        Assert.Equal("alert:drawdown_breaker::1", mail.Headers["X-Lyra-Notification-Id"]);
        Assert.Equal("ops@example.test", Assert.Single(mail.ToAddresses).Address);
        Assert.Contains("trading stopped", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_page_goes_as_the_html_part_beside_the_text()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        using var sp = Services(port);
        var n = new Notification("report:daily-2026-12-03.html:1", "daily_report", "info", "Lyra daily report 2026-12-03", "Lyra 2026-12-03: 4 trades closed",
            new DateTimeOffset(2026, 12, 4, 0, 5, 0, TimeSpan.Zero), Html: "<!doctype html><html><body><h1>Lyra daily report 2026-12-03</h1></body></html>");

        var receipt = Assert.Single(await sp.GetRequiredService<Notifier>().SendAsync(n, ["mail"]));
        Assert.True(receipt.Delivered, receipt.Detail);
        var parts = Assert.Single(smtp.ReceivedEmail).MessageParts;
        Assert.Contains(parts, p => p.HeaderData.Contains("text/plain", StringComparison.Ordinal) && p.BodyData.Contains("4 trades closed", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.HeaderData.Contains("text/html", StringComparison.Ordinal) && p.BodyData.Contains("<h1>Lyra daily report 2026-12-03</h1>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_smtp_server_that_is_not_there_is_retried_then_reported()
    {
        var port = FreePort(); // nothing listens
        using var sp = Services(port);
        var receipt = Assert.Single(await sp.GetRequiredService<Notifier>().SendAsync(new Notification("m-1", "message", "critical", "t", "b", DateTimeOffset.UtcNow)));
        Assert.Equal((false, 2), (receipt.Delivered, receipt.Attempts));
        Assert.Contains($"127.0.0.1:{port} did not take the message", receipt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_email_settings_are_named_and_clear_text_is_for_loopback_relays_only()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lyra:Notifications:Channels:mail:Type"] = "email",
            ["Lyra:Notifications:Channels:mail:Host"] = "smtp.example.test",
            ["Lyra:Notifications:Channels:mail:Security"] = "none",
            ["Lyra:Notifications:Channels:mail:From"] = "not an address",
        }).Build();
        using var sp = new ServiceCollection().AddLyraNotifications(config).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains("Lyra:Notifications:Channels:mail:Security: none sends in clear text: only to a relay on this machine", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:mail:From: 'not an address' is not an email address", e.Failures);
        Assert.Contains("Lyra:Notifications:Channels:mail:To: name at least one recipient", e.Failures);
        Assert.Equal("email", new EmailChannel("x", new ChannelOptions()) is INotificationChannel c ? c.Type : "");
    }
}
