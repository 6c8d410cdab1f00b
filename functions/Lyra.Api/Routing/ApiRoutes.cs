using Lyra.Security.Access;

namespace Lyra.Api.Routing;

/// <summary>The HTTP API. Both hosts expose exactly these routes; a contract test compares them.</summary>
public static class ApiRoutes
{
    /// <summary>GET /api/health.</summary>
    public static readonly ApiRoute Health = new("Health", "GET", "health", "monitoring", ApiAccess.Public);
    /// <summary>GET /api/status.</summary>
    public static readonly ApiRoute Status = new("Status", "GET", "status", "monitoring", ApiAccess.Read);
    /// <summary>POST /api/trading/start.</summary>
    public static readonly ApiRoute TradingStart = new("TradingStart", "POST", "trading/start", "risk", ApiAccess.Operate);
    /// <summary>POST /api/trading/stop (kill switch).</summary>
    public static readonly ApiRoute TradingStop = new("TradingStop", "POST", "trading/stop", "risk", ApiAccess.Operate);
    /// <summary>GET /api/signals.</summary>
    public static readonly ApiRoute Signals = new("ListSignals", "GET", "signals", "strategies", ApiAccess.Read);
    /// <summary>GET /api/decisions.</summary>
    public static readonly ApiRoute Decisions = new("ListDecisions", "GET", "decisions", "workflows", ApiAccess.Read);
    /// <summary>GET /api/decisions/verify (hash chain check).</summary>
    public static readonly ApiRoute VerifyDecisions = new("VerifyDecisions", "GET", "decisions/verify", "workflows", ApiAccess.Read);
    /// <summary>GET /api/decisions/{id}.</summary>
    public static readonly ApiRoute Decision = new("GetDecision", "GET", "decisions/{id}", "workflows", ApiAccess.Read);
    /// <summary>POST /api/decisions/{id}/approve.</summary>
    public static readonly ApiRoute Approve = new("ApproveDecision", "POST", "decisions/{id}/approve", "risk", ApiAccess.Operate);
    /// <summary>POST /api/decisions/{id}/reject.</summary>
    public static readonly ApiRoute Reject = new("RejectDecision", "POST", "decisions/{id}/reject", "risk", ApiAccess.Operate);
    /// <summary>GET /api/orders.</summary>
    public static readonly ApiRoute Orders = new("ListOrders", "GET", "orders", "exchanges", ApiAccess.Read);
    /// <summary>GET /api/positions.</summary>
    public static readonly ApiRoute Positions = new("ListPositions", "GET", "positions", "exchanges", ApiAccess.Read);

    /// <summary>GET /api/strategies (with parameter schemas).</summary>
    public static readonly ApiRoute Strategies = new("ListStrategies", "GET", "strategies", "strategies", ApiAccess.Read);
    /// <summary>GET /api/strategies/active (every strategy assignment with its live performance).</summary>
    public static readonly ApiRoute StrategiesActive = new("StrategiesActive", "GET", "strategies/active", "strategies", ApiAccess.Read);
    /// <summary>GET /api/strategies/signals (the signals with their strength; as /api/signals).</summary>
    public static readonly ApiRoute StrategySignals = new("StrategySignals", "GET", "strategies/signals", "strategies", ApiAccess.Read);
    /// <summary>POST /api/strategies/activate (activate, add or switch to a strategy).</summary>
    public static readonly ApiRoute StrategyActivate = new("StrategyActivate", "POST", "strategies/activate", "strategies", ApiAccess.Operate);
    /// <summary>POST /api/strategies/deactivate.</summary>
    public static readonly ApiRoute StrategyDeactivate = new("StrategyDeactivate", "POST", "strategies/deactivate", "strategies", ApiAccess.Operate);
    /// <summary>POST /api/strategies/execute (evaluate a strategy on a market's newest candle now; a signal starts its flow).</summary>
    public static readonly ApiRoute StrategyExecute = new("StrategyExecute", "POST", "strategies/execute", "strategies", ApiAccess.Operate);
    /// <summary>POST /api/strategies/backtest.</summary>
    public static readonly ApiRoute Backtest = new("RunBacktest", "POST", "strategies/backtest", "strategies", ApiAccess.Read);

    /// <summary>POST /api/risk/assess.</summary>
    public static readonly ApiRoute RiskAssess = new("RiskAssess", "POST", "risk/assess", "risk", ApiAccess.Read);
    /// <summary>POST /api/risk/position_size.</summary>
    public static readonly ApiRoute RiskPositionSize = new("RiskPositionSize", "POST", "risk/position_size", "risk", ApiAccess.Read);
    /// <summary>GET /api/risk/report.</summary>
    public static readonly ApiRoute RiskReport = new("RiskReport", "GET", "risk/report", "risk", ApiAccess.Read);

    /// <summary>POST /api/ai/query (one model, chosen by task, urgency and budget).</summary>
    public static readonly ApiRoute AiQuery = new("AiQuery", "POST", "ai/query", "ai", ApiAccess.Read);
    /// <summary>POST /api/ai/consensus (the panel on a market now; nothing is traded).</summary>
    public static readonly ApiRoute AiConsensus = new("AiConsensus", "POST", "ai/consensus", "ai", ApiAccess.Read);
    /// <summary>GET /api/ai/performance.</summary>
    public static readonly ApiRoute AiPerformance = new("AiPerformance", "GET", "ai/performance", "ai", ApiAccess.Read);
    /// <summary>GET /api/ai/costs.</summary>
    public static readonly ApiRoute AiCosts = new("AiCosts", "GET", "ai/costs", "ai", ApiAccess.Read);
    /// <summary>GET /api/ai/models.</summary>
    public static readonly ApiRoute AiModels = new("AiModels", "GET", "ai/models", "ai", ApiAccess.Read);

    /// <summary>GET /api/exchanges/balances (each enabled venue's balances).</summary>
    public static readonly ApiRoute ExchangeBalances = new("ExchangeBalances", "GET", "exchanges/balances", "exchanges", ApiAccess.Read);
    /// <summary>GET /api/exchanges/orders (open orders on the venues, or the intent ledger's newest orders).</summary>
    public static readonly ApiRoute ExchangeOrders = new("ExchangeOrders", "GET", "exchanges/orders", "exchanges", ApiAccess.Read);
    /// <summary>DELETE /api/exchanges/orders/{id} (cancel a live order by Lyra's client order id).</summary>
    public static readonly ApiRoute ExchangeCancel = new("ExchangeCancel", "DELETE", "exchanges/orders/{id}", "exchanges", ApiAccess.Operate);

    /// <summary>POST /api/exchanges/order: a person's order, through the risk gate and the order ledger (a decision flow without a vote).</summary>
    public static readonly ApiRoute ExchangeOrder = new("ExchangeOrder", "POST", "exchanges/order", "exchanges", ApiAccess.Operate);

    /// <summary>GET /api/security/status: where secrets come from and each enabled venue's key state (never a value).</summary>
    public static readonly ApiRoute SecurityStatus = new("SecurityStatus", "GET", "security/status", "security", ApiAccess.Read);

    /// <summary>GET /api/security/credentials/{exchange}: an exchange's credentials masked, their last rotation, the key's permissions.</summary>
    public static readonly ApiRoute SecurityCredentials = new("SecurityCredentials", "GET", "security/credentials/{id}", "security", ApiAccess.Administer);

    /// <summary>GET /api/security/audit: control actions, secret reads and settings changes, newest first, hash-chained (<c>verify=true</c> walks the chain).</summary>
    public static readonly ApiRoute SecurityAudit = new("SecurityAudit", "GET", "security/audit", "security", ApiAccess.Administer);

    /// <summary>GET /api/config/settings: every effective setting with its source, secrets masked.</summary>
    public static readonly ApiRoute ConfigSettings = new("ConfigSettings", "GET", "config/settings", "config", ApiAccess.Read);

    /// <summary>GET /api/config/validate: every section validated as at start-up.</summary>
    public static readonly ApiRoute ConfigValidate = new("ConfigValidate", "GET", "config/validate", "config", ApiAccess.Read);

    /// <summary>POST /api/config/update: change risk limits, voter weights or strategy parameters at run time (validated, audited, kept).</summary>
    public static readonly ApiRoute ConfigUpdate = new("ConfigUpdate", "POST", "config/update", "config", ApiAccess.Administer);

    /// <summary>GET /api/testing/validate: the preflight (settings, storage, durable engine, venues, voters and budget, risk limits, data freshness).</summary>
    public static readonly ApiRoute TestingValidate = new("TestingValidate", "GET", "testing/validate", "testing", ApiAccess.Read);
    /// <summary>POST /api/testing/run (the self-test: a synthetic market through the pipeline on the paper venue).</summary>
    public static readonly ApiRoute TestingRun = new("TestingRun", "POST", "testing/run", "testing", ApiAccess.Operate);
    /// <summary>GET /api/testing/performance (flow latency and throughput, API and order latency, the last self-test).</summary>
    public static readonly ApiRoute TestingPerformance = new("TestingPerformance", "GET", "testing/performance", "testing", ApiAccess.Read);

    /// <summary>GET /api/monitoring/analytics: live PnL, win rate, profit factor, Sharpe, Sortino, max drawdown overall, per strategy and per market.</summary>
    public static readonly ApiRoute MonitoringAnalytics = new("MonitoringAnalytics", "GET", "monitoring/analytics", "monitoring", ApiAccess.Read);

    /// <summary>GET /api/monitoring/alerts: the newest alerts (kind, severity, count of repeats, acknowledged or open).</summary>
    public static readonly ApiRoute MonitoringAlerts = new("MonitoringAlerts", "GET", "monitoring/alerts", "monitoring", ApiAccess.Read);

    /// <summary>POST /api/monitoring/alerts/{id}/ack: a person saw the alert (the next occurrence opens a new one).</summary>
    public static readonly ApiRoute MonitoringAlertAck = new("MonitoringAlertAck", "POST", "monitoring/alerts/{id}/ack", "monitoring", ApiAccess.Operate);

    /// <summary>GET /api/monitoring/metrics: API, exchange and voter latency and error rates, signal→order latency, queue backlog, flows running.</summary>
    public static readonly ApiRoute MonitoringMetrics = new("MonitoringMetrics", "GET", "monitoring/metrics", "monitoring", ApiAccess.Read);

    /// <summary>GET /api/monitoring/report?date= (a written daily report; without a date the newest names).</summary>
    public static readonly ApiRoute MonitoringReport = new("MonitoringReport", "GET", "monitoring/report", "monitoring", ApiAccess.Read);
    /// <summary>POST /api/monitoring/report (write a day's report now and send it).</summary>
    public static readonly ApiRoute MonitoringReportWrite = new("MonitoringReportWrite", "POST", "monitoring/report", "monitoring", ApiAccess.Operate);

    /// <summary>GET /api/notifications: the newest notifications with their delivery receipts.</summary>
    public static readonly ApiRoute NotificationsRecent = new("NotificationsRecent", "GET", "notifications", "notifications", ApiAccess.Read);
    /// <summary>GET /api/notifications/channels: each channel, the routes that use it and its last delivery.</summary>
    public static readonly ApiRoute NotificationChannels = new("NotificationChannels", "GET", "notifications/channels", "notifications", ApiAccess.Read);

    /// <summary>POST /api/notifications/send: a message to one channel or the routed ones.</summary>
    public static readonly ApiRoute NotificationSend = new("NotificationSend", "POST", "notifications/send", "notifications", ApiAccess.Operate);

    /// <summary>POST /api/notifications/alert: an alert through the routes.</summary>
    public static readonly ApiRoute NotificationAlert = new("NotificationAlert", "POST", "notifications/alert", "notifications", ApiAccess.Operate);

    /// <summary>POST /api/exchanges/arbitrage: one cross-exchange arbitrage decision (both legs through one risk gate, unwound when they fill unequally).</summary>
    public static readonly ApiRoute ExchangeArbitrage = new("ExchangeArbitrage", "POST", "exchanges/arbitrage", "exchanges", ApiAccess.Operate);

    /// <summary>POST /api/exchanges/grid: starts a grid of limit orders on one market (each buy through the risk gate).</summary>
    public static readonly ApiRoute ExchangeGrid = new("ExchangeGrid", "POST", "exchanges/grid", "exchanges", ApiAccess.Operate);

    /// <summary>DELETE /api/exchanges/grid/{id}: stops a grid (its resting orders are canceled; what it holds stays held).</summary>
    public static readonly ApiRoute ExchangeGridStop = new("ExchangeGridStop", "DELETE", "exchanges/grid/{id}", "exchanges", ApiAccess.Operate);
    /// <summary>GET /api/exchanges/market/{symbol} (price, volume, time and book top on a venue).</summary>
    public static readonly ApiRoute ExchangeMarket = new("ExchangeMarket", "GET", "exchanges/market/{id}", "exchanges", ApiAccess.Read);

    /// <summary>Stored candles of a market (a symbol of a collected market, or a market key): a range or the newest window.</summary>
    public static readonly ApiRoute DataHistorical = new("DataHistorical", "GET", "data/historical/{id}", "data", ApiAccess.Read);

    /// <summary>Quality of the stored candles per collected market: gaps, inconsistent candles, freshness.</summary>
    public static readonly ApiRoute DataQuality = new("DataQuality", "GET", "data/quality", "data", ApiAccess.Read);

    /// <summary>All routes.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } = [Health, Status, TradingStart, TradingStop, Signals, Decisions, VerifyDecisions, Decision, Approve, Reject, Orders, Positions, Strategies, StrategiesActive, StrategySignals, StrategyActivate, StrategyDeactivate, StrategyExecute, Backtest, RiskAssess, RiskPositionSize, RiskReport,
        AiQuery, AiConsensus, AiPerformance, AiCosts, AiModels, ExchangeBalances, ExchangeOrders, ExchangeCancel, ExchangeOrder, ExchangeArbitrage, ExchangeGrid, ExchangeGridStop, ExchangeMarket, DataHistorical, DataQuality, SecurityStatus, SecurityCredentials, SecurityAudit, ConfigSettings, ConfigValidate, ConfigUpdate, TestingValidate, TestingRun, TestingPerformance, MonitoringAnalytics, MonitoringAlerts, MonitoringAlertAck, MonitoringMetrics, MonitoringReport, MonitoringReportWrite, NotificationsRecent, NotificationChannels, NotificationSend, NotificationAlert];
}
