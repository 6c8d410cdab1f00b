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
/// </summary>
public sealed class HttpApiFunctions(ApiDispatcher api)
{
    [Function("Health")]
    public IActionResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Health, new DurableTaskTradeFlowClient(client));

    [Function("Status")]
    public IActionResult Status([HttpTrigger(AuthorizationLevel.Function, "get", Route = "status")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Status, new DurableTaskTradeFlowClient(client));

    [Function("TradingStart")]
    public IActionResult TradingStart([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "trading/start")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.TradingStart, new DurableTaskTradeFlowClient(client));

    [Function("TradingStop")]
    public IActionResult TradingStop([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "trading/stop")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.TradingStop, new DurableTaskTradeFlowClient(client));

    [Function("ListSignals")]
    public IActionResult ListSignals([HttpTrigger(AuthorizationLevel.Function, "get", Route = "signals")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Signals, new DurableTaskTradeFlowClient(client));

    [Function("ListDecisions")]
    public IActionResult ListDecisions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "decisions")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Decisions, new DurableTaskTradeFlowClient(client));

    [Function("VerifyDecisions")]
    public IActionResult VerifyDecisions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "decisions/verify")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.VerifyDecisions, new DurableTaskTradeFlowClient(client));

    [Function("GetDecision")]
    public IActionResult GetDecision([HttpTrigger(AuthorizationLevel.Function, "get", Route = "decisions/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Decision, new DurableTaskTradeFlowClient(client), id);

    [Function("ApproveDecision")]
    public IActionResult ApproveDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/approve")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Approve, new DurableTaskTradeFlowClient(client), id);

    [Function("RejectDecision")]
    public IActionResult RejectDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/reject")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Reject, new DurableTaskTradeFlowClient(client), id);

    [Function("ListOrders")]
    public IActionResult ListOrders([HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Orders, new DurableTaskTradeFlowClient(client));

    [Function("ListStrategies")]
    public IActionResult ListStrategies([HttpTrigger(AuthorizationLevel.Function, "get", Route = "strategies")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Strategies, new DurableTaskTradeFlowClient(client));

    [Function("StrategiesActive")]
    public IActionResult StrategiesActive([HttpTrigger(AuthorizationLevel.Function, "get", Route = "strategies/active")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategiesActive, new DurableTaskTradeFlowClient(client));

    [Function("StrategySignals")]
    public IActionResult StrategySignals([HttpTrigger(AuthorizationLevel.Function, "get", Route = "strategies/signals")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategySignals, new DurableTaskTradeFlowClient(client));

    [Function("StrategyActivate")]
    public IActionResult StrategyActivate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "strategies/activate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategyActivate, new DurableTaskTradeFlowClient(client));

    [Function("StrategyDeactivate")]
    public IActionResult StrategyDeactivate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "strategies/deactivate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategyDeactivate, new DurableTaskTradeFlowClient(client));

    [Function("StrategyExecute")]
    public IActionResult StrategyExecute([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "strategies/execute")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.StrategyExecute, new DurableTaskTradeFlowClient(client));

    [Function("RunBacktest")]
    public IActionResult RunBacktest([HttpTrigger(AuthorizationLevel.Function, "post", Route = "strategies/backtest")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Backtest, new DurableTaskTradeFlowClient(client));

    [Function("RiskAssess")]
    public IActionResult RiskAssess([HttpTrigger(AuthorizationLevel.Function, "post", Route = "risk/assess")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.RiskAssess, new DurableTaskTradeFlowClient(client));

    [Function("RiskPositionSize")]
    public IActionResult RiskPositionSize([HttpTrigger(AuthorizationLevel.Function, "post", Route = "risk/position_size")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.RiskPositionSize, new DurableTaskTradeFlowClient(client));

    [Function("RiskReport")]
    public IActionResult RiskReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = "risk/report")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.RiskReport, new DurableTaskTradeFlowClient(client));

    [Function("ListPositions")]
    public IActionResult ListPositions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "positions")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.Positions, new DurableTaskTradeFlowClient(client));

    [Function("AiQuery")]
    public IActionResult AiQuery([HttpTrigger(AuthorizationLevel.Function, "post", Route = "ai/query")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiQuery, new DurableTaskTradeFlowClient(client));

    [Function("AiConsensus")]
    public IActionResult AiConsensus([HttpTrigger(AuthorizationLevel.Function, "post", Route = "ai/consensus")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiConsensus, new DurableTaskTradeFlowClient(client));

    [Function("AiPerformance")]
    public IActionResult AiPerformance([HttpTrigger(AuthorizationLevel.Function, "get", Route = "ai/performance")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiPerformance, new DurableTaskTradeFlowClient(client));

    [Function("AiCosts")]
    public IActionResult AiCosts([HttpTrigger(AuthorizationLevel.Function, "get", Route = "ai/costs")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiCosts, new DurableTaskTradeFlowClient(client));

    [Function("AiModels")]
    public IActionResult AiModels([HttpTrigger(AuthorizationLevel.Function, "get", Route = "ai/models")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.AiModels, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeBalances")]
    public IActionResult ExchangeBalances([HttpTrigger(AuthorizationLevel.Function, "get", Route = "exchanges/balances")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeBalances, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeOrders")]
    public IActionResult ExchangeOrders([HttpTrigger(AuthorizationLevel.Function, "get", Route = "exchanges/orders")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeOrders, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeCancel")]
    public IActionResult ExchangeCancel([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "exchanges/orders/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeCancel, new DurableTaskTradeFlowClient(client), id);

    [Function("ExchangeOrder")]
    public IActionResult ExchangeOrder([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "exchanges/order")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeOrder, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeArbitrage")]
    public IActionResult ExchangeArbitrage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "exchanges/arbitrage")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeArbitrage, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeGrid")]
    public IActionResult ExchangeGrid([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "exchanges/grid")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeGrid, new DurableTaskTradeFlowClient(client));

    [Function("ExchangeGridStop")]
    public IActionResult ExchangeGridStop([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "exchanges/grid/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeGridStop, new DurableTaskTradeFlowClient(client), id);

    [Function("SecurityStatus")]
    public IActionResult SecurityStatus([HttpTrigger(AuthorizationLevel.Function, "get", Route = "security/status")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.SecurityStatus, new DurableTaskTradeFlowClient(client));

    [Function("ConfigSettings")]
    public IActionResult ConfigSettings([HttpTrigger(AuthorizationLevel.Function, "get", Route = "config/settings")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ConfigSettings, new DurableTaskTradeFlowClient(client));

    [Function("ConfigValidate")]
    public IActionResult ConfigValidate([HttpTrigger(AuthorizationLevel.Function, "get", Route = "config/validate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ConfigValidate, new DurableTaskTradeFlowClient(client));

    [Function("ConfigUpdate")]
    public IActionResult ConfigUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "config/update")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ConfigUpdate, new DurableTaskTradeFlowClient(client));

    [Function("TestingValidate")]
    public IActionResult TestingValidate([HttpTrigger(AuthorizationLevel.Function, "get", Route = "testing/validate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.TestingValidate, new DurableTaskTradeFlowClient(client));

    [Function("MonitoringAnalytics")]
    public IActionResult MonitoringAnalytics([HttpTrigger(AuthorizationLevel.Function, "get", Route = "monitoring/analytics")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringAnalytics, new DurableTaskTradeFlowClient(client));

    [Function("MonitoringAlerts")]
    public IActionResult MonitoringAlerts([HttpTrigger(AuthorizationLevel.Function, "get", Route = "monitoring/alerts")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringAlerts, new DurableTaskTradeFlowClient(client));

    [Function("MonitoringAlertAck")]
    public IActionResult MonitoringAlertAck([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "monitoring/alerts/{id}/ack")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringAlertAck, new DurableTaskTradeFlowClient(client), id);

    [Function("MonitoringMetrics")]
    public IActionResult MonitoringMetrics([HttpTrigger(AuthorizationLevel.Function, "get", Route = "monitoring/metrics")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.MonitoringMetrics, new DurableTaskTradeFlowClient(client));

    [Function("NotificationChannels")]
    public IActionResult NotificationChannels([HttpTrigger(AuthorizationLevel.Function, "get", Route = "notifications/channels")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.NotificationChannels, new DurableTaskTradeFlowClient(client));

    [Function("NotificationSend")]
    public IActionResult NotificationSend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications/send")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.NotificationSend, new DurableTaskTradeFlowClient(client));

    [Function("NotificationAlert")]
    public IActionResult NotificationAlert([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications/alert")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.NotificationAlert, new DurableTaskTradeFlowClient(client));

    [Function("SecurityAudit")]
    public IActionResult SecurityAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "security/audit")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.SecurityAudit, new DurableTaskTradeFlowClient(client));

    [Function("SecurityCredentials")]
    public IActionResult SecurityCredentials([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "security/credentials/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.SecurityCredentials, new DurableTaskTradeFlowClient(client), id);

    [Function("ExchangeMarket")]
    public IActionResult ExchangeMarket([HttpTrigger(AuthorizationLevel.Function, "get", Route = "exchanges/market/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        new ApiActionResult(api, ApiRoutes.ExchangeMarket, new DurableTaskTradeFlowClient(client), id);
}
