namespace Lyra.Api.Routing;

/// <summary>The HTTP API. Both hosts expose exactly these routes; a contract test compares them.</summary>
public static class ApiRoutes
{
    /// <summary>GET /api/health.</summary>
    public static readonly ApiRoute Health = new("Health", "GET", "health", "monitoring");
    /// <summary>GET /api/status.</summary>
    public static readonly ApiRoute Status = new("Status", "GET", "status", "monitoring");
    /// <summary>POST /api/trading/start.</summary>
    public static readonly ApiRoute TradingStart = new("TradingStart", "POST", "trading/start", "risk");
    /// <summary>POST /api/trading/stop (kill switch).</summary>
    public static readonly ApiRoute TradingStop = new("TradingStop", "POST", "trading/stop", "risk");
    /// <summary>GET /api/signals.</summary>
    public static readonly ApiRoute Signals = new("ListSignals", "GET", "signals", "strategies");
    /// <summary>GET /api/decisions.</summary>
    public static readonly ApiRoute Decisions = new("ListDecisions", "GET", "decisions", "workflows");
    /// <summary>GET /api/decisions/verify (hash chain check).</summary>
    public static readonly ApiRoute VerifyDecisions = new("VerifyDecisions", "GET", "decisions/verify", "workflows");
    /// <summary>GET /api/decisions/{id}.</summary>
    public static readonly ApiRoute Decision = new("GetDecision", "GET", "decisions/{id}", "workflows");
    /// <summary>POST /api/decisions/{id}/approve.</summary>
    public static readonly ApiRoute Approve = new("ApproveDecision", "POST", "decisions/{id}/approve", "risk");
    /// <summary>POST /api/decisions/{id}/reject.</summary>
    public static readonly ApiRoute Reject = new("RejectDecision", "POST", "decisions/{id}/reject", "risk");
    /// <summary>GET /api/orders.</summary>
    public static readonly ApiRoute Orders = new("ListOrders", "GET", "orders", "exchanges");
    /// <summary>GET /api/positions.</summary>
    public static readonly ApiRoute Positions = new("ListPositions", "GET", "positions", "exchanges");

    /// <summary>GET /api/strategies (with parameter schemas).</summary>
    public static readonly ApiRoute Strategies = new("ListStrategies", "GET", "strategies", "strategies");
    /// <summary>POST /api/strategies/backtest.</summary>
    public static readonly ApiRoute Backtest = new("RunBacktest", "POST", "strategies/backtest", "strategies");

    /// <summary>POST /api/risk/assess.</summary>
    public static readonly ApiRoute RiskAssess = new("RiskAssess", "POST", "risk/assess", "risk");
    /// <summary>POST /api/risk/position_size.</summary>
    public static readonly ApiRoute RiskPositionSize = new("RiskPositionSize", "POST", "risk/position_size", "risk");
    /// <summary>GET /api/risk/report.</summary>
    public static readonly ApiRoute RiskReport = new("RiskReport", "GET", "risk/report", "risk");

    /// <summary>POST /api/ai/query (one model, chosen by task, urgency and budget).</summary>
    public static readonly ApiRoute AiQuery = new("AiQuery", "POST", "ai/query", "ai");
    /// <summary>POST /api/ai/consensus (the panel on a market now; nothing is traded).</summary>
    public static readonly ApiRoute AiConsensus = new("AiConsensus", "POST", "ai/consensus", "ai");
    /// <summary>GET /api/ai/performance.</summary>
    public static readonly ApiRoute AiPerformance = new("AiPerformance", "GET", "ai/performance", "ai");
    /// <summary>GET /api/ai/costs.</summary>
    public static readonly ApiRoute AiCosts = new("AiCosts", "GET", "ai/costs", "ai");
    /// <summary>GET /api/ai/models.</summary>
    public static readonly ApiRoute AiModels = new("AiModels", "GET", "ai/models", "ai");

    /// <summary>GET /api/exchanges/balances (each enabled venue's balances).</summary>
    public static readonly ApiRoute ExchangeBalances = new("ExchangeBalances", "GET", "exchanges/balances", "exchanges");
    /// <summary>GET /api/exchanges/orders (open orders on the venues, or the intent ledger's newest orders).</summary>
    public static readonly ApiRoute ExchangeOrders = new("ExchangeOrders", "GET", "exchanges/orders", "exchanges");
    /// <summary>DELETE /api/exchanges/orders/{id} (cancel a live order by Lyra's client order id).</summary>
    public static readonly ApiRoute ExchangeCancel = new("ExchangeCancel", "DELETE", "exchanges/orders/{id}", "exchanges");

    /// <summary>POST /api/exchanges/order: a person's order, through the risk gate and the order ledger (a decision flow without a vote).</summary>
    public static readonly ApiRoute ExchangeOrder = new("ExchangeOrder", "POST", "exchanges/order", "exchanges");

    /// <summary>GET /api/security/status: where secrets come from and each enabled venue's key state (never a value).</summary>
    public static readonly ApiRoute SecurityStatus = new("SecurityStatus", "GET", "security/status", "security");

    /// <summary>GET /api/security/credentials/{exchange}: an exchange's credentials masked, their last rotation, the key's permissions.</summary>
    public static readonly ApiRoute SecurityCredentials = new("SecurityCredentials", "GET", "security/credentials/{id}", "security");

    /// <summary>POST /api/exchanges/arbitrage: one cross-exchange arbitrage decision (both legs through one risk gate, unwound when they fill unequally).</summary>
    public static readonly ApiRoute ExchangeArbitrage = new("ExchangeArbitrage", "POST", "exchanges/arbitrage", "exchanges");

    /// <summary>POST /api/exchanges/grid: starts a grid of limit orders on one market (each buy through the risk gate).</summary>
    public static readonly ApiRoute ExchangeGrid = new("ExchangeGrid", "POST", "exchanges/grid", "exchanges");

    /// <summary>DELETE /api/exchanges/grid/{id}: stops a grid (its resting orders are canceled; what it holds stays held).</summary>
    public static readonly ApiRoute ExchangeGridStop = new("ExchangeGridStop", "DELETE", "exchanges/grid/{id}", "exchanges");
    /// <summary>GET /api/exchanges/market/{symbol} (price, volume, time and book top on a venue).</summary>
    public static readonly ApiRoute ExchangeMarket = new("ExchangeMarket", "GET", "exchanges/market/{id}", "exchanges");

    /// <summary>All routes.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } = [Health, Status, TradingStart, TradingStop, Signals, Decisions, VerifyDecisions, Decision, Approve, Reject, Orders, Positions, Strategies, Backtest, RiskAssess, RiskPositionSize, RiskReport,
        AiQuery, AiConsensus, AiPerformance, AiCosts, AiModels, ExchangeBalances, ExchangeOrders, ExchangeCancel, ExchangeOrder, ExchangeArbitrage, ExchangeGrid, ExchangeGridStop, ExchangeMarket, SecurityStatus, SecurityCredentials];
}
