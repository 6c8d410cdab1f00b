using System.Collections.Concurrent;
using Lyra.Notifications.Channels;
using Lyra.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Notifications.Tests;

/// <summary>A loopback webhook receiver that checks Lyra's signature as a receiver would, and can fail on purpose.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _failWith = new();

    private WebhookReceiver(WebApplication app, Uri root)
    {
        _app = app;
        Url = new Uri(root, "hooks/T0000/B0000/secret-path-0123456789");
    }

    public Uri Url { get; }

    public string? Secret { get; init; }

    public ConcurrentQueue<(string Body, string? Signature, bool SignatureValid)> Received { get; } = new();

    public int Requests;

    /// <summary>The next requests answer these statuses, in order.</summary>
    public void FailNext(params int[] statuses)
    {
        foreach (var s in statuses) _failWith.Enqueue(s);
    }

    public static async Task<WebhookReceiver> StartAsync(string? secret = null)
    {
        WebhookReceiver? receiver = null;
        var (app, root) = await LoopbackServer.StartAsync(a => a.MapPost("/hooks/{*rest}", async (HttpContext ctx) =>
        {
            Interlocked.Increment(ref receiver!.Requests);
            if (receiver._failWith.TryDequeue(out var status))
            {
                ctx.Response.StatusCode = status;
                return;
            }

            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            var signature = ctx.Request.Headers[WebhookChannel.SignatureHeader].FirstOrDefault();
            receiver.Received.Enqueue((body, signature, receiver.Valid(signature, body)));
            ctx.Response.StatusCode = 204;
        }));
        receiver = new WebhookReceiver(app, root) { Secret = secret };
        return receiver;
    }

    // What a receiver does: recompute HMAC-SHA256("t.body") with the shared secret and compare in constant time.
    private bool Valid(string? header, string body)
    {
        if (Secret is null || header is null) return false;
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes(parts["t"] + "." + body));
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"]));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
