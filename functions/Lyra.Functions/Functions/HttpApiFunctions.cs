using Lyra.Api.Routing;
using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyra.Functions.Functions;

/// <summary>
/// The HTTP API: one thin function per route of <see cref="ApiRoutes"/>. The trigger's level follows the route's
/// <see cref="Lyra.Security.Access.ApiAccess"/>: health is anonymous (for load balancers), read routes need a function key,
/// and control routes (operate, administer) are let in by the Functions host so that Lyra can check the signed-in caller's
/// role (<see cref="Lyra.Security.Access.AppServiceAccessControl"/>): a person behind App Service Authentication has no function key.
/// The host's route prefix is empty (host.json) so that the dashboard is at <c>/</c>: every API route names its <c>api/</c>.
/// </summary>
public sealed class HttpApiFunctions(ApiDispatcher api)
{
    [Function("Health")]
    public IActionResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Health, new DurableTaskTradeFlowClient(client));

    [Function("Status")]
    public IActionResult Status([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/status")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Status, new DurableTaskTradeFlowClient(client));

    [Function("TradingStart")]
    public IActionResult TradingStart([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/trading/start")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.TradingStart, new DurableTaskTradeFlowClient(client));

    [Function("TradingStop")]
    public IActionResult TradingStop([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/trading/stop")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.TradingStop, new DurableTaskTradeFlowClient(client));

    [Function("ListSignals")]
    public IActionResult ListSignals([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/signals")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Signals, new DurableTaskTradeFlowClient(client));

    [Function("ListDecisions")]
    public IActionResult ListDecisions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/decisions")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Decisions, new DurableTaskTradeFlowClient(client));

    [Function("VerifyDecisions")]
    public IActionResult VerifyDecisions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/decisions/verify")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.VerifyDecisions, new DurableTaskTradeFlowClient(client));

    [Function("GetDecision")]
    public IActionResult GetDecision([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/decisions/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Decision, new DurableTaskTradeFlowClient(client), id);

    [Function("ApproveDecision")]
    public IActionResult ApproveDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/decisions/{id}/approve")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Approve, new DurableTaskTradeFlowClient(client), id);

    [Function("RejectDecision")]
    public IActionResult RejectDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/decisions/{id}/reject")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Reject, new DurableTaskTradeFlowClient(client), id);

    [Function("ListOrders")]
    public IActionResult ListOrders([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/orders")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Orders, new DurableTaskTradeFlowClient(client));

    [Function("ListStrategies")]
    public IActionResult ListStrategies([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/strategies")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Strategies, new DurableTaskTradeFlowClient(client));

    [Function("StrategiesActive")]
    public IActionResult StrategiesActive([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/strategies/active")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategiesActive, new DurableTaskTradeFlowClient(client));

    [Function("StrategySignals")]
    public IActionResult StrategySignals([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/strategies/signals")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategySignals, new DurableTaskTradeFlowClient(client));

    [Function("StrategyActivate")]
    public IActionResult StrategyActivate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/strategies/activate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategyActivate, new DurableTaskTradeFlowClient(client));

    [Function("StrategyDeactivate")]
    public IActionResult StrategyDeactivate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/strategies/deactivate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategyDeactivate, new DurableTaskTradeFlowClient(client));

    [Function("StrategyExecute")]
    public IActionResult StrategyExecute([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/strategies/execute")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategyExecute, new DurableTaskTradeFlowClient(client));

    [Function("RunBacktest")]
    public IActionResult RunBacktest([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/strategies/backtest")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Backtest, new DurableTaskTradeFlowClient(client));

    [Function("RiskAssess")]
    public IActionResult RiskAssess([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/risk/assess")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.RiskAssess, new DurableTaskTradeFlowClient(client));

    [Function("RiskPositionSize")]
    public IActionResult RiskPositionSize([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/risk/position_size")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.RiskPositionSize, new DurableTaskTradeFlowClient(client));

    [Function("RiskReport")]
    public IActionResult RiskReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/risk/report")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.RiskReport, new DurableTaskTradeFlowClient(client));

    [Function("ListPositions")]
    public IActionResult ListPositions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/positions")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Positions, new DurableTaskTradeFlowClient(client));

    [Function("AiQuery")]
    public IActionResult AiQuery([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/ai/query")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiQuery, new DurableTaskTradeFlowClient(client));

    [Function("AiConsensus")]
    public IActionResult AiConsensus([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/ai/consensus")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiConsensus, new DurableTaskTradeFlowClient(client));

    [Function("AiPerformance")]
    public IActionResult AiPerformance([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/ai/performance")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiPerformance, new DurableTaskTradeFlowClient(client));

    [Function("AiCosts")]
    public IActionResult AiCosts([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/ai/costs")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiCosts, new DurableTaskTradeFlowClient(client));

    [Function("AiModels")]
    public IActionResult AiModels([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/ai/models")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiModels, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeBalances")]
    public IActionResult ExchangeBalances([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/exchanges/balances")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeBalances, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeOrders")]
    public IActionResult ExchangeOrders([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/exchanges/orders")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeOrders, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeCancel")]
    public IActionResult ExchangeCancel([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/exchanges/orders/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeCancel, new DurableTaskTradeFlowClient(client), id);

    [Function("ExchangeOrder")]
    public IActionResult ExchangeOrder([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/exchanges/order")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeOrder, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeArbitrage")]
    public IActionResult ExchangeArbitrage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/exchanges/arbitrage")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeArbitrage, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeGrid")]
    public IActionResult ExchangeGrid([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/exchanges/grid")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeGrid, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeGridStop")]
    public IActionResult ExchangeGridStop([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/exchanges/grid/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeGridStop, new DurableTaskTradeFlowClient(client), id);

    [Function("SecurityStatus")]
    public IActionResult SecurityStatus([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/security/status")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.SecurityStatus, new DurableTaskTradeFlowClient(client));

    [Function("ConfigSettings")]
    public IActionResult ConfigSettings([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/config/settings")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ConfigSettings, new DurableTaskTradeFlowClient(client));

    [Function("ConfigValidate")]
    public IActionResult ConfigValidate([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/config/validate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ConfigValidate, new DurableTaskTradeFlowClient(client));

    [Function("ConfigUpdate")]
    public IActionResult ConfigUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/config/update")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ConfigUpdate, new DurableTaskTradeFlowClient(client));

    [Function("TestingValidate")]
    public IActionResult TestingValidate([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/testing/validate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.TestingValidate, new DurableTaskTradeFlowClient(client));

    [Function("MonitoringAnalytics")]
    public IActionResult MonitoringAnalytics([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/analytics")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringAnalytics, new DurableTaskTradeFlowClient(client));

    [Function("MonitoringAlerts")]
    public IActionResult MonitoringAlerts([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/alerts")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringAlerts, new DurableTaskTradeFlowClient(client));

    [Function("MonitoringAlertAck")]
    public IActionResult MonitoringAlertAck([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/monitoring/alerts/{id}/ack")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringAlertAck, new DurableTaskTradeFlowClient(client), id);

    [Function("MonitoringMetrics")]
    public IActionResult MonitoringMetrics([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/metrics")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringMetrics, new DurableTaskTradeFlowClient(client));

    [Function("MonitoringReport")]
    public IActionResult MonitoringReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/report")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringReport, new DurableTaskTradeFlowClient(client));

    [Function("MonitoringReportWrite")]
    public IActionResult MonitoringReportWrite([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/monitoring/report")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringReportWrite, new DurableTaskTradeFlowClient(client));

    [Function("TestingRun")]
    public IActionResult TestingRun([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/testing/run")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.TestingRun, new DurableTaskTradeFlowClient(client));

    [Function("TestingPerformance")]
    public IActionResult TestingPerformance([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/testing/performance")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.TestingPerformance, new DurableTaskTradeFlowClient(client));

    [Function("NotificationsRecent")]
    public IActionResult NotificationsRecent([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/notifications")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.NotificationsRecent, new DurableTaskTradeFlowClient(client));

    [Function("NotificationChannels")]
    public IActionResult NotificationChannels([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/notifications/channels")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.NotificationChannels, new DurableTaskTradeFlowClient(client));

    [Function("NotificationSend")]
    public IActionResult NotificationSend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/notifications/send")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.NotificationSend, new DurableTaskTradeFlowClient(client));

    [Function("NotificationAlert")]
    public IActionResult NotificationAlert([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/notifications/alert")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.NotificationAlert, new DurableTaskTradeFlowClient(client));

    [Function("SecurityAudit")]
    public IActionResult SecurityAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/security/audit")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.SecurityAudit, new DurableTaskTradeFlowClient(client));

    [Function("SecurityCredentials")]
    public IActionResult SecurityCredentials([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/security/credentials/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.SecurityCredentials, new DurableTaskTradeFlowClient(client), id);

    [Function("ExchangeMarket")]
    public IActionResult ExchangeMarket([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/exchanges/market/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeMarket, new DurableTaskTradeFlowClient(client), id);

    /// <summary>GET /api/data/historical/{id}: stored candles of a market.</summary>
    [Function("DataHistorical")]
    public IActionResult DataHistorical([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/data/historical/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.DataHistorical, new DurableTaskTradeFlowClient(client), id);

    /// <summary>GET /api/data/quality: gaps, inconsistent candles and freshness per collected market.</summary>
    [Function("DataQuality")]
    public IActionResult DataQuality([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/data/quality")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.DataQuality, new DurableTaskTradeFlowClient(client));
}
