namespace Lyra.Exchanges.Venues;

/// <summary>Settings of one venue (<c>Lyra:Exchanges:&lt;venue&gt;</c>). Keys come from the vault, never from files.</summary>
public sealed class VenueOptions
{
    /// <summary>Whether Lyra trades on it.</summary>
    public bool Enabled { get; set; }

    /// <summary>REST base address (the venue's own by default; a demo/testnet or a local fake when set).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>API key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>API secret.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>API passphrase (OKX).</summary>
    public string? Passphrase { get; set; }

    /// <summary>Demo trading where the venue has it on the same host (OKX's <c>x-simulated-trading: 1</c>).</summary>
    public bool Demo { get; set; }

    /// <summary>Per-request timeout; a write that times out has an unknown outcome and is looked up.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>How long the instrument list is reused.</summary>
    public double InstrumentCacheMinutes { get; set; } = 60;

    /// <summary>Order placements per second (default: the venue's published limit).</summary>
    public double? OrdersPerSecond { get; set; }

    /// <summary>Other requests per second (default: the venue's published limit).</summary>
    public double? RequestsPerSecond { get; set; }

    /// <summary>True when key and secret are both set.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(ApiSecret);
}
