namespace Lyra.Monitoring.Alerts;

/// <summary>An alert: raised once per kind and subject while open; repeats within the dedup window are counted on it.</summary>
/// <param name="Time">When it was raised.</param>
/// <param name="Kind">Machine-readable kind (see <see cref="AlertKinds"/>).</param>
/// <param name="Message">What happened, with numbers (the latest repeat's).</param>
public sealed record Alert(DateTimeOffset Time, string Kind, string Message)
{
    /// <summary>Id (for acknowledging).</summary>
    public string Id { get; init; } = "";

    /// <summary><c>critical</c> or <c>warning</c> (<see cref="AlertKinds.SeverityOf"/>).</summary>
    public string Severity { get; init; } = AlertKinds.SeverityOf(Kind);

    /// <summary>What it is about (a venue, a market, an order), so that one kind can be open for several things.</summary>
    public string Subject { get; init; } = "";

    /// <summary>How many times it was raised while open (1 + the repeats folded into it).</summary>
    public int Count { get; init; } = 1;

    /// <summary>When it was last raised.</summary>
    public DateTimeOffset LastSeen { get; init; } = Time;

    /// <summary>When a person acknowledged it; null while open.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Who acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>Whether nobody acknowledged it yet.</summary>
    public bool Open => AcknowledgedAt is null;
}
