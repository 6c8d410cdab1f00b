namespace Lyra.Data.Updates;

/// <summary>Queue names; both hosts listen to exactly these.</summary>
public static class QueueNames
{
    /// <summary>One message per market whenever new closed candles were stored.</summary>
    public const string MarketUpdates = "market-updates";

    /// <summary>Azure Functions moves a message here after its last failed attempt; the local host does the same.</summary>
    public const string MarketUpdatesPoison = "market-updates-poison";

    /// <summary>Attempts before a message is moved to the poison queue (the Functions default, host.json <c>maxDequeueCount</c>).</summary>
    public const int MaxDequeueCount = 5;
}
