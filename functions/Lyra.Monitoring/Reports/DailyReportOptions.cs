namespace Lyra.Monitoring.Reports;

/// <summary>The daily report (<c>Lyra:Reports</c>).</summary>
public sealed class DailyReportOptions
{
    /// <summary>Settings section.</summary>
    public const string Section = "Lyra:Reports";

    /// <summary>Write yesterday's report every day at 00:05 UTC (the <c>WriteDailyReport</c> timer; a live <c>lyra run</c>).</summary>
    public bool Daily { get; set; } = true;

    /// <summary>Notification channels (email ones carry the page itself) the written report is sent to; none: it is only kept.</summary>
    public List<string> SendTo { get; set; } = [];
}
