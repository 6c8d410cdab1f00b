using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Lyra.Monitoring.Metrics;

/// <summary>
/// This host's latency and error figures since it started: API requests (recorded by the API), and the exchange and
/// voter measurements Lyra's meter (<c>Lyra.Trading</c>) publishes, read with a <see cref="MeterListener"/>. Per host
/// instance: under Functions each instance answers for itself, Application Insights holds the fleet's.
/// </summary>
public sealed class RuntimeMetrics : IHostedService, IDisposable
{
    /// <summary>The meter Lyra's trading measurements come from.</summary>
    public const string TradingMeter = "Lyra.Trading";

    /// <summary>The meter of the API's own measurements.</summary>
    public const string ApiMeter = "Lyra.Api";

    private static readonly Meter Meter = new(ApiMeter);
    private static readonly Histogram<double> ApiLatency = Meter.CreateHistogram<double>("lyra.api.latency", "ms", "How long an API request took, by route and status");

    private readonly ConcurrentDictionary<string, LatencyWindow> _api = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LatencyWindow> _voters = new(StringComparer.Ordinal);
    private readonly LatencyWindow _exchange = new();
    private readonly MeterListener _listener = new();
    private long _exchangeErrors;

    /// <summary>Starts listening.</summary>
    public RuntimeMetrics(TimeProvider time)
    {
        Since = time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TradingMeter && instrument.Name is "lyra.voter.latency" or "lyra.exchange.latency" or "lyra.exchange.errors")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnDouble);
        _listener.SetMeasurementEventCallback<long>(OnLong);
        _listener.Start();
    }

    /// <summary>When this host started counting.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>One API request: how long it took and its status (5xx count as failures).</summary>
    public void RecordApi(string route, double ms, int status)
    {
        _api.GetOrAdd(route, _ => new LatencyWindow()).Record(ms, status >= 500);
        ApiLatency.Record(ms, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", status));
    }

    /// <summary>Every API route's figures.</summary>
    public IReadOnlyDictionary<string, LatencyStats> Api => _api.ToDictionary(p => p.Key, p => p.Value.Snapshot(), StringComparer.Ordinal);

    /// <summary>Every API request together.</summary>
    public LatencyStats ApiOverall()
    {
        var all = new LatencyWindow();
        foreach (var w in _api.Values) all.Merge(w);
        return all.Snapshot();
    }

    /// <summary>Orders placed on exchanges (failures: the order step failed).</summary>
    public LatencyStats Exchange => _exchange.Snapshot() with { Failures = (int)Math.Min(int.MaxValue, Interlocked.Read(ref _exchangeErrors)) };

    /// <summary>Each voter's figures (failures: abstentions, which is how a voter's error reaches the vote).</summary>
    public IReadOnlyDictionary<string, LatencyStats> Voters => _voters.ToDictionary(p => p.Key, p => p.Value.Snapshot(), StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>Registered as a hosted service only so that it exists (and listens) from the host's start, not from the first API call.</remarks>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == "lyra.exchange.latency")
        {
            _exchange.Record(value);
            return;
        }

        string? voter = null;
        var abstained = false;
        foreach (var t in tags)
        {
            if (t.Key == "voter") voter = t.Value as string;
            else if (t.Key == "outcome") abstained = t.Value as string == "abstained";
        }

        if (voter is not null) _voters.GetOrAdd(voter, _ => new LatencyWindow()).Record(value, abstained);
    }

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state) =>
        Interlocked.Add(ref _exchangeErrors, value);
}
