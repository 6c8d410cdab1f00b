using Lyra.Ai.Costs;
using Lyra.Core.Hosting;
using Lyra.Core.Journals;
using Lyra.Monitoring.Alerts;
using Lyra.Monitoring.Analytics;
using Lyra.Monitoring.Reports;
using Lyra.Notifications;
using Lyra.Notifications.Delivery;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Monitoring;

/// <summary>What writing a daily report did.</summary>
/// <param name="Name">The report's name in the report store.</param>
/// <param name="Date">Its day.</param>
/// <param name="Trades">Trades closed that day.</param>
/// <param name="Receipts">Deliveries to <see cref="DailyReportOptions.SendTo"/>.</param>
public sealed record DailyReportWritten(string Name, DateOnly Date, int Trades, IReadOnlyList<DeliveryReceipt> Receipts);

/// <summary>
/// Writes the daily report of one UTC day: the day's closed trades (the backtester's formulas), decisions by status,
/// alerts, open positions, AI spend and the realized equity curve, as one HTML page in the report store; then sends it to
/// <see cref="DailyReportOptions.SendTo"/> (email carries the page). Writing a day again replaces its page.
/// </summary>
public sealed class DailyReportWriter(LiveAnalytics analytics, IJournalStore<DecisionJournal> decisions, IAlertStore alerts, CostManager costs, IReportStore reports,
    Notifier notifier, IOptions<DailyReportOptions> options, HostInfo host, TimeProvider time)
{
    /// <summary>The most trades read for one report (the newest).</summary>
    public const int MaxTrades = 10_000;

    /// <summary>Builds the model of <paramref name="date"/>.</summary>
    public async Task<DailyReportModel> BuildAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from.AddDays(1);
        var live = await analytics.LoadAsync(MaxTrades, cancellationToken);
        var upToEnd = live.Trades.Where(t => t.ExitTime < to).ToList();
        var report = TradingAnalytics.Compute(upToEnd, live.StartingEquity, live.Unrealized);
        var day = TradingAnalytics.Compute([.. upToEnd.Where(t => t.ExitTime >= from)], live.StartingEquity, new Dictionary<string, decimal>()).Overall;
        var started = await decisions.ListAsync(new JournalQuery(Limit: 100_000, From: from, To: to.AddTicks(-1)), cancellationToken);
        var byStatus = Enum.GetValues<DecisionStatus>().ToDictionary(DecisionJournal.StateName, s => started.Count(d => d.Status == s), StringComparer.Ordinal);
        var raised = (await alerts.ListAsync(1000, cancellationToken)).Where(a => a.Time >= from && a.Time < to).ToList();
        var (today, month) = await costs.ReportAsync(cancellationToken);
        var book = live.Book;
        var positions = book.Snapshot.Positions.Select(p => new ReportPosition(p.MarketKey, p.Quantity, p.AveragePrice, p.LastPrice, p.UnrealizedPnl,
            book.Book.Positions.TryGetValue(p.MarketKey, out var s) ? s.Stops?.Stop : null)).ToList();
        return new DailyReportModel(date, time.GetUtcNow(), host.Name, book.Snapshot.Equity, book.Snapshot.Cash, day, report.Overall, report.Equity ?? [],
            [.. upToEnd.Where(t => t.ExitTime >= from)], byStatus, positions, raised, today.TotalUsd, month.TotalUsd);
    }

    /// <summary>Writes (and sends) the report of <paramref name="date"/>; <paramref name="send"/> false only keeps it.</summary>
    public async Task<DailyReportWritten> WriteAsync(DateOnly date, bool send = true, CancellationToken cancellationToken = default)
    {
        var model = await BuildAsync(date, cancellationToken);
        var html = DailyReport.Html(model);
        var name = DailyReport.NameOf(date);
        await reports.SaveAsync(name, html, cancellationToken);
        IReadOnlyList<DeliveryReceipt> receipts = [];
        if (send && options.Value.SendTo.Count > 0)
        {
            var n = new Notification("report:" + name + ":" + model.GeneratedAt.UtcTicks, "daily_report", "info", $"Lyra daily report {date:yyyy-MM-dd}", DailyReport.Text(model),
                model.GeneratedAt, Html: html);
            receipts = await notifier.SendAsync(n, options.Value.SendTo, cancellationToken);
        }

        return new DailyReportWritten(name, date, model.Trades.Count, receipts);
    }
}
