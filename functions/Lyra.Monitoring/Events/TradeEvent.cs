namespace Lyra.Monitoring.Events;

/// <summary>Something that happened in trading, as other systems read it (the <c>trade-events</c> topic).</summary>
/// <param name="Id">Unique and deterministic for what happened (a retried step writes the same id): the message id Service Bus deduplicates on.</param>
/// <param name="Type">One of <see cref="TradeEventTypes"/> (the message subject).</param>
/// <param name="MarketKey">Market (the partition key: one market's events stay in order); empty for none.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Data">The event as JSON.</param>
public sealed record TradeEvent(string Id, string Type, string MarketKey, DateTimeOffset Time, string Data);
