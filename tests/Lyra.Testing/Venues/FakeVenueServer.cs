using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;

namespace Lyra.Testing.Venues;

/// <summary>
/// What every loopback fake venue has besides its wire format: the Kestrel app and its address, the best bid its prices
/// derive from, the faults queued for the next placements, the requests seen, and the count of orders accepted per
/// client id (what the exactly-once tests count).
/// </summary>
public abstract class FakeVenueServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<VenueFault> _faults = new();
    private readonly ConcurrentDictionary<string, int> _placed = new(StringComparer.Ordinal);
    private WebApplication _app = null!;

    /// <summary>Base address of the fake.</summary>
    public Uri BaseAddress { get; protected set; } = null!;

    /// <summary>Best bid of its one pair (ask = bid + 1).</summary>
    public decimal Bid { get; set; } = 50_000m;

    /// <summary>How long a <see cref="VenueFault.SlowAck"/> answer waits.</summary>
    public TimeSpan SlowAckDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Requests seen, as "METHOD /path".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Orders accepted per client order id (the venue's spelling).</summary>
    public IReadOnlyDictionary<string, int> PlacedByClientId => _placed;

    /// <summary>Every order accepted.</summary>
    public int OrdersAccepted => _placed.Values.Sum();

    /// <summary>Queues faults for the next placements, in order.</summary>
    public void Inject(params VenueFault[] faults)
    {
        foreach (var f in faults) _faults.Enqueue(f);
    }

    /// <summary>Drops the faults not used yet.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts Kestrel on a loopback port with the fake's endpoints; returns the root address.</summary>
    protected async Task<Uri> ListenAsync(Action<WebApplication> map)
    {
        (_app, var root) = await LoopbackServer.StartAsync(map);
        return root;
    }

    /// <summary>The fault for the placement being handled (none when nothing is queued).</summary>
    protected VenueFault NextFault() => _faults.TryDequeue(out var f) ? f : VenueFault.None;

    /// <summary>Counts an accepted order under its client id.</summary>
    protected void CountAccepted(string clientId) => _placed.AddOrUpdate(clientId, 1, (_, n) => n + 1);
}
