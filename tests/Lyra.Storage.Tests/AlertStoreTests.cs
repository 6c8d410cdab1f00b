using Azure.Data.Tables;
using Lyra.Monitoring.Alerts;
using Lyra.Storage.Alerts;
using Lyra.Storage.Tables;
using Lyra.Testing;

namespace Lyra.Storage.Tests;

/// <summary>Alerts are kept newest first and logged with their kind as a structured property (what Azure's alert rules query).</summary>
public sealed class AlertStoreTests
{
    [Fact]
    public async Task An_alert_is_stored_and_logged_with_its_kind_as_a_dimension()
    {
        var log = new RecordingLogger<AlertTableStore>();
        var store = new AlertTableStore(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName()), TimeProvider.System, log);
        await store.RaiseAsync(AlertKinds.DrawdownBreaker, "drawdown 21 % ≥ 20 %: trading stopped");
        var alert = Assert.Single(await store.ListAsync(10));
        Assert.Equal(AlertKinds.DrawdownBreaker, alert.Kind);
        Assert.Equal("Lyra alert drawdown_breaker: drawdown 21 % ≥ 20 %: trading stopped", Assert.Single(log.Messages));
        Assert.Equal("drawdown_breaker", Assert.Single(log.Properties)["AlertKind"]);
    }

    [Fact]
    public async Task A_repeat_within_the_dedup_window_is_counted_and_an_acknowledged_alert_lets_the_next_one_open()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
        var store = new AlertTableStore(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName()), clock,
            new RecordingLogger<AlertTableStore>());
        Assert.True(await store.RaiseAsync(AlertKinds.ExchangeDown, "gateio: timeout", "gateio"));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(await store.RaiseAsync(AlertKinds.ExchangeDown, "gateio: 503", "gateio"));
        Assert.True(await store.RaiseAsync(AlertKinds.ExchangeDown, "okx: timeout", "okx")); // another subject
        var gate = Assert.Single(await store.ListAsync(10), a => a.Subject == "gateio");
        Assert.Equal((2, "gateio: 503", clock.GetUtcNow(), "warning", true), (gate.Count, gate.Message, gate.LastSeen, gate.Severity, gate.Open));
        Assert.Equal("critical", AlertKinds.SeverityOf(AlertKinds.DrawdownBreaker));

        // Past the window since it was last seen: a new alert.
        clock.Advance(AlertKinds.DedupWindow);
        Assert.True(await store.RaiseAsync(AlertKinds.ExchangeDown, "gateio: down again", "gateio"));
        Assert.Equal(2, (await store.ListAsync(10)).Count(a => a.Subject == "gateio"));

        // Acknowledged: the next occurrence opens a new alert at once; a second acknowledgement keeps the first.
        var newest = (await store.ListAsync(10)).First(a => a.Subject == "gateio");
        var acked = await store.AcknowledgeAsync(newest.Id, "ana");
        Assert.Equal(("ana", clock.GetUtcNow(), false), (acked!.AcknowledgedBy, acked.AcknowledgedAt, acked.Open));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("ana", (await store.AcknowledgeAsync(newest.Id, "bob"))!.AcknowledgedBy);
        Assert.True(await store.RaiseAsync(AlertKinds.ExchangeDown, "gateio: and again", "gateio"));
        Assert.Equal(3, (await store.ListAsync(10)).Count(a => a.Subject == "gateio"));

        Assert.Null(await store.AcknowledgeAsync("no-such-alert", "ana"));
        Assert.Null(await store.AcknowledgeAsync("bad/key#?", "ana"));
    }
}
