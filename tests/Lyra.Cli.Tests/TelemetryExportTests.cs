using System.Collections.Concurrent;
using System.Text;
using Lyra.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Cli.Tests;

/// <summary><c>lyra run</c> exports its traces over OTLP when asked (to a loopback collector), and refuses an unknown exporter.</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task A_replay_sends_its_decision_traces_to_the_otlp_collector()
    {
        var bodies = new ConcurrentQueue<(string Path, byte[] Body)>();
        var (app, root) = await LoopbackServer.StartAsync(a => a.MapPost("/v1/{signal}", async (HttpContext ctx) =>
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms);
            bodies.Enqueue((ctx.Request.Path, ms.ToArray()));
            ctx.Response.StatusCode = 200;
        }));
        await using var _ = app;
        var env = new Dictionary<string, string> { ["Lyra__Telemetry__Exporter"] = "otlp", ["Lyra__Telemetry__OtlpEndpoint"] = root.ToString() };
        var r = await LyraProcess.RunAsync(env, TimeSpan.FromMinutes(5), "run", "--replay", "--bars", "180", "--speed", "0", "--port", "0");
        Assert.Equal(0, r.ExitCode);
        var traces = bodies.Where(b => b.Path == "/v1/traces").Select(b => Encoding.UTF8.GetString(b.Body)).ToList();
        Assert.NotEmpty(traces);
        var all = string.Join("\n", traces);
        Assert.Contains("Lyra.Trading", all, StringComparison.Ordinal); // the instrumentation scope
        Assert.Contains("TradeFlow", all, StringComparison.Ordinal);
        Assert.Contains("lyra.decision.id", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_exporter_stops_start_up_naming_the_setting()
    {
        var r = await LyraProcess.RunAsync(new Dictionary<string, string> { ["Lyra__Telemetry__Exporter"] = "jaeger" }, TimeSpan.FromMinutes(2),
            "run", "--replay", "--bars", "60", "--speed", "0", "--port", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Lyra:Telemetry:Exporter: 'jaeger' is not none, console or otlp", r.Error, StringComparison.Ordinal);
    }
}
