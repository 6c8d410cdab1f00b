using System.Globalization;
using System.Text.Json;
using Lyra.Api.Routing;
using Lyra.Core.Trading;
using Lyra.Risk.Portfolio;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>The daily report over real decisions: written to blob storage (Azurite), read back, sent, rendered by Chromium.</summary>
public sealed class ReportsApiTests
{
    [Fact]
    public async Task A_days_report_is_written_kept_sent_and_read_back()
    {
        var received = new List<string>();
        var (receiver, root) = await LoopbackServer.StartAsync(a => a.MapPost("/hook", async (HttpContext ctx) =>
        {
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            lock (received) received.Add(body);
        }));
        await using var hook = receiver;
        await using var h = await ApiHarness.StartAsync(
            s => { s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?>
            {
                ["Lyra:Trading:Voters:0"] = "f1",
                ["Lyra:Trading:Voters:1"] = "f2",
                ["Lyra:Notifications:Channels:ops:Url"] = new Uri(root, "hook").ToString(),
                ["Lyra:Reports:SendTo:0"] = "ops",
            });
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 60).Select(i => 100m + i)]);
        await h.RunAsync(FlowHarness.Input(candles[^2], TradeAction.Buy));
        await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Sell));
        var closed = Assert.Single(await h.Get<IPortfolioStore>().ListTradesAsync(10));
        var day = closed.ClosedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringReportWrite, body: $"{{\"date\":\"{day}\"}}");
        Assert.True(status == 200, body.ToString());
        var written = body.GetProperty("data");
        Assert.Equal(($"daily-{day}.html", 1), (written.GetProperty("name").GetString(), written.GetProperty("trades").GetInt32()));
        Assert.True(Assert.Single(written.GetProperty("receipts").EnumerateArray()).GetProperty("delivered").GetBoolean());
        var sent = JsonDocument.Parse(Assert.Single(received)).RootElement;
        Assert.Equal($"Lyra daily report {day}", sent.GetProperty("title").GetString());
        Assert.Contains("1 trades closed", sent.GetProperty("body").GetString(), StringComparison.Ordinal);

        (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringReport, $"?date={day}");
        Assert.Equal(200, status);
        var html = body.GetProperty("data").GetProperty("html").GetString()!;
        Assert.Contains($"Lyra daily report {day}", html, StringComparison.Ordinal);
        Assert.Contains(closed.Pnl.ToString("N2", CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        // Decisions belong to the day of their candle (the journal's order), trades to the day they closed.
        var candleDay = candles[^1].OpenTime.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringReportWrite, body: $"{{\"date\":\"{candleDay}\",\"send\":false}}")).Status);
        (_, body) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringReport, $"?date={candleDay}");
        Assert.Contains("<td>Decisions</td><td>executed 2</td>", body.GetProperty("data").GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Single(received); // send: false

        (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringReport);
        Assert.Equal([$"daily-{day}.html", $"daily-{candleDay}.html"], body.GetProperty("data").EnumerateArray().Select(n => n.GetString()));

        if (HeadlessChromium.Path is not null)
        {
            var file = Path.Combine(Path.GetTempPath(), $"lyra-report-{Guid.NewGuid():N}.html");
            await File.WriteAllTextAsync(file, html);
            try
            {
                var dom = await HeadlessChromium.DumpDomAsync(new Uri(file).AbsoluteUri, TimeSpan.FromSeconds(60));
                Assert.Contains("<polyline", dom, StringComparison.Ordinal);
                Assert.Contains("Trades closed this day", dom, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    [Theory]
    [InlineData("{\"date\":\"04.12.2026\"}", 400)]
    [InlineData("{\"date\":\"2999-01-01\"}", 400)]
    public async Task Bad_dates_are_refused_and_a_day_never_written_is_404(string json, int expected)
    {
        await using var h = await ApiHarness.StartAsync();
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringReportWrite, body: json);
        Assert.Equal(expected, status);
        Assert.Equal("date", body.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(404, (await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringReport, "?date=2020-01-01")).Status);
        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringReport, "?date=yesterday")).Status);
    }
}
