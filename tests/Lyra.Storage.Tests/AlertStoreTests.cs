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
}
