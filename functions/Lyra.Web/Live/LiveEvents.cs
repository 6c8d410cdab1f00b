using System.Globalization;
using System.Text;
using System.Text.Json;
using Lyra.Api.Health;
using Lyra.Api.Http;
using Lyra.Core.Json;
using Lyra.Monitoring.Alerts;
using Lyra.Security.Access;
using Microsoft.AspNetCore.Http;

namespace Lyra.Web.Live;

/// <summary>
/// <c>GET /api/events</c>: Server-Sent Events for the dashboard. Every <see cref="Interval"/> it reads the pulse (trading
/// state, the status counters, open alerts: counters and one small read, so the cost does not grow with history) and
/// sends an <c>event: pulse</c> when it changed; a comment keeps idle connections open. After the host's longest
/// stream it says <c>bye</c> and the browser reconnects (<c>retry</c>). A read route: the same key as the API.
/// </summary>
public sealed class LiveEvents(StatusReporter status, IAlertStore alerts, IAccessControl access, TimeProvider time)
{
    /// <summary>How often the pulse is read.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Idle time after which a comment is sent.</summary>
    public static TimeSpan KeepAlive { get; } = TimeSpan.FromSeconds(15);

    /// <summary>The pulse now, as JSON.</summary>
    public async Task<string> PulseAsync(CancellationToken cancellationToken = default)
    {
        var report = await status.BuildAsync(cancellationToken);
        var open = (await alerts.ListAsync(200, cancellationToken)).Count(a => a.Open);
        return JsonSerializer.Serialize(new { trading_enabled = report.TradingEnabled, trading_reason = report.TradingReason, counts = report.Counts, alerts_open = open }, LyraJson.Options);
    }

    /// <summary>Streams pulses to the caller for at most <paramref name="longest"/> (the host's request limit), or until it goes.</summary>
    public async Task StreamAsync(HttpContext context, TimeSpan longest)
    {
        var check = access.Check(ApiAccess.Read, context.Request);
        if (!check.Allowed)
        {
            await ApiResult.Error(check.Status, check.Code!, check.Reason!, "web", time.GetUtcNow()).WriteAsync(context.Response);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var ct = context.RequestAborted;
        // The stream's cadence is the wall clock's, also in a replay whose clock races.
        var wall = TimeProvider.System;
        var started = wall.GetUtcNow();
        var lastSent = started;
        string? last = null;
        var id = 0;
        try
        {
            await WriteAsync(response, "retry: 3000\n\n", ct);
            using var timer = new PeriodicTimer(Interval, wall);
            do
            {
                string frame;
                try
                {
                    var pulse = await PulseAsync(ct);
                    frame = pulse == last ? "" : string.Create(CultureInfo.InvariantCulture, $"event: pulse\nid: {++id}\ndata: {pulse}\n\n");
                    last = pulse;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Storage unreachable for a moment: say so, keep the stream.
                    frame = $"event: trouble\ndata: {JsonSerializer.Serialize(new { message = e.Message })}\n\n";
                    last = null;
                }

                var now = wall.GetUtcNow();
                if (frame.Length == 0 && now - lastSent >= KeepAlive) frame = ": keep-alive\n\n";
                if (frame.Length > 0)
                {
                    await WriteAsync(response, frame, ct);
                    lastSent = now;
                }

                if (now - started >= longest)
                {
                    await WriteAsync(response, "event: bye\ndata: {}\n\n", ct);
                    return;
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await response.Body.FlushAsync(ct);
    }
}
