namespace Lyra.Api.Health;

/// <summary>Body of <c>GET /api/status</c>.</summary>
/// <param name="Version">Lyra version.</param>
/// <param name="Host">Which host answers (<c>functions</c> or <c>local</c>).</param>
/// <param name="StartedAt">When the host started.</param>
/// <param name="UptimeSeconds">Seconds since then.</param>
/// <param name="TradingEnabled">Kill switch off (true) or on (false).</param>
/// <param name="TradingChangedAt">When trading was last switched.</param>
/// <param name="TradingReason">Why.</param>
/// <param name="Markets">Configured markets.</param>
/// <param name="Exchange">Order venue.</param>
/// <param name="MarketDataSource">Candle source.</param>
/// <param name="Counts">Signals, decisions (by status), orders in the configured markets; open positions.</param>
public sealed record StatusReport(
    string Version, string Host, DateTimeOffset StartedAt, double UptimeSeconds, bool TradingEnabled, DateTimeOffset? TradingChangedAt,
    string? TradingReason, IReadOnlyList<string> Markets, string Exchange, string MarketDataSource, IReadOnlyDictionary<string, long> Counts);
