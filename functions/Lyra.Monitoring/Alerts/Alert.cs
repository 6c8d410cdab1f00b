namespace Lyra.Monitoring.Alerts;

/// <summary>An alert.</summary>
/// <param name="Time">When it was raised.</param>
/// <param name="Kind">Machine-readable kind (see <see cref="AlertKinds"/>).</param>
/// <param name="Message">What happened, with numbers.</param>
public sealed record Alert(DateTimeOffset Time, string Kind, string Message);
