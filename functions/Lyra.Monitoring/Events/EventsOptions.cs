namespace Lyra.Monitoring.Events;

/// <summary>Trade events: kept in an outbox and, when a Service Bus is named, published to its topic (<c>Lyra:Events</c>).</summary>
public sealed class EventsOptions
{
    /// <summary>Settings section.</summary>
    public const string Section = "Lyra:Events";

    /// <summary>Keep trade events in the outbox (implied when a Service Bus is configured).</summary>
    public bool Outbox { get; set; }

    /// <summary>Where they are published.</summary>
    public ServiceBusEventOptions ServiceBus { get; set; } = new();

    /// <summary>True when events are kept.</summary>
    public bool Enabled => Outbox || ServiceBus.Configured;
}

/// <summary>The topic trade events go to.</summary>
public sealed class ServiceBusEventOptions
{
    /// <summary>Fully qualified namespace (<c>sb-….servicebus.windows.net</c>), reached with the host's identity (Azure).</summary>
    public string? Namespace { get; set; }

    /// <summary>A connection string instead (a local namespace or the emulator); a secret: keep it in the vault.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Topic name.</summary>
    public string Topic { get; set; } = "trade-events";

    /// <summary>Seconds between two drains of the outbox.</summary>
    public double PublishIntervalSeconds { get; set; } = 2;

    /// <summary>True when a namespace or connection string is given.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(Namespace) || !string.IsNullOrWhiteSpace(ConnectionString);
}
