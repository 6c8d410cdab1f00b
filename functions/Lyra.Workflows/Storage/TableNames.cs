namespace Lyra.Workflows.Storage;

/// <summary>Names (without prefix) of Lyra's tables.</summary>
public static class TableNames
{
    /// <summary>Strategy signals.</summary>
    public const string Signals = "signals";
    /// <summary>Decision journal.</summary>
    public const string Decisions = "decisions";
    /// <summary>Orders.</summary>
    public const string Orders = "orders";
    /// <summary>Portfolio: account, positions and applied fills.</summary>
    public const string Portfolio = "portfolio";
    /// <summary>Settings such as the kill switch.</summary>
    public const string Settings = "settings";
    /// <summary>Cached LLM replies.</summary>
    public const string LlmCache = "llmcache";
    /// <summary>Model spending per day and month.</summary>
    public const string AiCosts = "aicosts";
    /// <summary>Voter performance: reliability, latency and accuracy against trade outcomes.</summary>
    public const string VoterPerformance = "voterperf";
    /// <summary>Alerts (circuit breaker trips).</summary>
    public const string Alerts = "alerts";
    /// <summary>Claims on TradeFlow starts (one per instance id).</summary>
    public const string FlowStarts = "flowstarts";
    /// <summary>Messages that could not be processed, with the reason.</summary>
    public const string RejectedMessages = "rejectedmessages";
}
