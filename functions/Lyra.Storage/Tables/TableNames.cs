namespace Lyra.Storage.Tables;

/// <summary>Names (without the configured prefix) of Lyra's tables.</summary>
public static class TableNames
{
    /// <summary>Closed candles per market.</summary>
    public const string Candles = "candles";
    /// <summary>Strategy signals.</summary>
    public const string Signals = "signals";
    /// <summary>Decision journal.</summary>
    public const string Decisions = "decisions";
    /// <summary>Orders.</summary>
    public const string Orders = "orders";
    /// <summary>Portfolio: the book, applied fills and closed trades.</summary>
    public const string Portfolio = "portfolio";
    /// <summary>Settings such as the kill switch.</summary>
    public const string Settings = "settings";
    /// <summary>Cached LLM replies.</summary>
    public const string LlmCache = "llmcache";
    /// <summary>Model spending per day and month.</summary>
    public const string AiCosts = "aicosts";
    /// <summary>Voter performance: reliability, latency and accuracy against trade outcomes.</summary>
    public const string VoterPerformance = "voterperf";
    /// <summary>Alerts.</summary>
    public const string Alerts = "alerts";
    /// <summary>Claims on work that must start once (TradeFlow starts).</summary>
    public const string Claims = "claims";
    /// <summary>Messages that could not be processed, with the reason.</summary>
    public const string RejectedMessages = "rejectedmessages";
    /// <summary>The paper exchange's filled orders by client id.</summary>
    public const string PaperOrders = "paperorders";
    /// <summary>The intent ledger of live orders (written before each order is sent).</summary>
    public const string OrderIntents = "orderintents";
    /// <summary>Trade events not yet published to the topic.</summary>
    public const string EventOutbox = "eventoutbox";
    /// <summary>Notifications waiting to be delivered, and the finished ones with their receipts.</summary>
    public const string Notifications = "notifications";
    /// <summary>The audit journal (control actions, secret reads, settings changes), hash-chained.</summary>
    public const string Audit = "audit";

    /// <summary>Every table Lyra writes (what a backup holds).</summary>
    public static IReadOnlyList<string> All { get; } =
        [Candles, Signals, Decisions, Orders, Portfolio, Settings, LlmCache, AiCosts, VoterPerformance, Alerts, Claims, RejectedMessages, PaperOrders, OrderIntents, EventOutbox, Audit, Notifications];
}
