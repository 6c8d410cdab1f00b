using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Monitoring.Alerts;

namespace Lyra.Api.Monitoring;

/// <summary>
/// <c>GET /api/monitoring/analytics</c>: live PnL, win rate, profit factor, Sharpe, Sortino and max drawdown overall, per
/// strategy and per market, from the portfolio's closed trades, each attributed to the strategy of the decision that
/// opened it (its journal), with the backtester's formulas (<see cref="LiveAnalytics"/>).
/// </summary>
public sealed class MonitoringApi(LiveAnalytics analytics, IAlertStore alerts, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.MonitoringAnalytics, ApiRoutes.MonitoringAlerts, ApiRoutes.MonitoringAlertAck];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "MonitoringAlerts" => AlertsAsync(request, cancellationToken),
        "MonitoringAlertAck" => AcknowledgeAsync(request, cancellationToken),
        _ => AnalyticsAsync(request, cancellationToken),
    };

    private async Task<ApiResult> AlertsAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("kind", "open", "limit");
        var kind = q.Text("kind");
        if (kind is not null && !AlertKinds.All.Contains(kind)) throw new ValidationException("kind", $"'{kind}' is not an alert kind ({string.Join(", ", AlertKinds.All)})");
        var openOnly = q.Bool("open");
        var limit = q.Limit(100, 1000);
        // Filters apply to the newest alerts (up to 1,000): older ones are history.
        var list = (await alerts.ListAsync(1000, ct)).Where(a => (kind is null || a.Kind == kind) && (!openOnly || a.Open)).ToList();
        var open = list.Where(a => a.Open).GroupBy(a => a.Severity).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return ApiResult.Ok(new AlertsReport([.. list.Take(limit)], open.GetValueOrDefault("critical"), open.GetValueOrDefault("warning"), AlertKinds.All,
            (int)AlertKinds.DedupWindow.TotalMinutes), ApiRoutes.MonitoringAlerts.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> AcknowledgeAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<AcknowledgeRequest>(required: false, ct);
        var by = body?.By is { Length: > 0 } b ? b : request.Caller?.Name ?? "unknown";
        var alert = await alerts.AcknowledgeAsync(request.Id ?? "", by, ct) ?? throw new NotFoundException($"there is no alert '{request.Id}'");
        return ApiResult.Ok(alert, ApiRoutes.MonitoringAlertAck.Module, time.GetUtcNow(), $"acknowledged by {alert.AcknowledgedBy}");
    }

    private async Task<ApiResult> AnalyticsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var q = request.Query("limit");
        var report = await analytics.ComputeAsync(q.Limit(1000, 10_000), cancellationToken);
        return ApiResult.Ok(report, ApiRoutes.MonitoringAnalytics.Module, time.GetUtcNow());
    }
}
