using System.Net;

namespace Lyra.Cli.Tests;

/// <summary>The local host serves its metrics for Prometheus, behind the API key like any read route.</summary>
public sealed class PrometheusTests
{
    [Fact]
    public async Task Metrics_are_scraped_with_the_api_key_in_prometheus_text_format()
    {
        await using var host = await RunningHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/api/status")).StatusCode);

        using var scrape = await host.Http.GetAsync(Hosting.LocalTelemetry.PrometheusPath);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.True(scrape.StatusCode == HttpStatusCode.OK, text);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^# TYPE lyra_api_latency\w* histogram$", text);
        Assert.Contains("route=\"Status\"", text, StringComparison.Ordinal);

        using var anonymous = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var refused = await anonymous.GetAsync(Hosting.LocalTelemetry.PrometheusPath);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("\"error_code\":\"unauthorized\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
