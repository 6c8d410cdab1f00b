using System.Globalization;
using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Monitoring.Reports;

namespace Lyra.Api.Monitoring;

/// <summary>
/// <c>GET /api/monitoring/report?date=</c> (the written daily report of a day as <c>{name, html}</c>; without a date, the
/// names of the newest) and <c>POST /api/monitoring/report</c> (write a day's report now, and send it).
/// </summary>
public sealed class ReportsApi(DailyReportWriter writer, IReportStore reports, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.MonitoringReport, ApiRoutes.MonitoringReportWrite];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) =>
        route == ApiRoutes.MonitoringReport ? GetAsync(request, cancellationToken) : WriteAsync(request, cancellationToken);

    private async Task<ApiResult> GetAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("date", "limit");
        if (q.Text("date") is not { } raw)
        {
            return ApiResult.Ok(await reports.ListAsync(q.Limit(30, 366), ct), ApiRoutes.MonitoringReport.Module, time.GetUtcNow());
        }

        var date = Date(raw);
        var name = DailyReport.NameOf(date);
        var html = await reports.GetAsync(name, ct) ?? throw new NotFoundException($"no report of {date:yyyy-MM-dd} was written (POST /api/monitoring/report writes one)");
        return ApiResult.Ok(new ReportPage(name, date, html), ApiRoutes.MonitoringReport.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> WriteAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<WriteReportRequest>(required: false, ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var date = body?.Date is { } d ? Date(d) : today;
        if (date > today) throw new ValidationException("date", $"{date:yyyy-MM-dd} has not begun");
        var written = await writer.WriteAsync(date, body?.Send ?? true, ct);
        return ApiResult.Ok(written, ApiRoutes.MonitoringReportWrite.Module, time.GetUtcNow(),
            $"{written.Name} written ({written.Trades} trades), sent to {written.Receipts.Count(r => r.Delivered)} of {written.Receipts.Count} channel(s)");
    }

    private static DateOnly Date(string raw) =>
        DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new ValidationException("date", $"'{raw}' is not a date (yyyy-MM-dd)");
}

/// <summary>A written report.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Date">Its day.</param>
/// <param name="Html">The page.</param>
public sealed record ReportPage(string Name, DateOnly Date, string Html);

/// <summary>The body of <c>POST /api/monitoring/report</c>.</summary>
/// <param name="Date">The day (<c>yyyy-MM-dd</c>, UTC); default today so far.</param>
/// <param name="Send">Send it to <c>Lyra:Reports:SendTo</c> (default true).</param>
public sealed record WriteReportRequest(string? Date, bool? Send);
