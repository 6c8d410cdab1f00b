using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lyra.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Notifications.Tests;

/// <summary>
/// The Telegram Bot API's <c>sendMessage</c> on loopback, in its documented wire format: <c>POST /bot{token}/sendMessage</c>
/// with a JSON body; <c>{"ok":true,"result":Message}</c>, or <c>{"ok":false,"error_code","description"}</c> (401 for
/// an unknown token, 400 "chat not found", 429 with <c>parameters.retry_after</c>).
/// </summary>
internal sealed class TelegramBotApiFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _failWith = new();
    private int _messageId;

    private TelegramBotApiFake(WebApplication app, Uri root, string token, long chatId)
    {
        _app = app;
        BaseUrl = root.ToString().TrimEnd('/');
        Token = token;
        ChatId = chatId;
    }

    public string BaseUrl { get; }

    public string Token { get; }

    public long ChatId { get; }

    /// <summary>Messages taken: text and whether it was sent silently.</summary>
    public ConcurrentQueue<(string Text, bool Silent)> Messages { get; } = new();

    public int Requests;

    public void FailNext(params int[] statuses)
    {
        foreach (var s in statuses) _failWith.Enqueue(s);
    }

    public static async Task<TelegramBotApiFake> StartAsync(string token = "123456789:AAH-fake-token-for-loopback-tests", long chatId = 4242)
    {
        TelegramBotApiFake? fake = null;
        var (app, root) = await LoopbackServer.StartAsync(a => a.MapPost("/bot{token}/{method}", async (HttpContext ctx, string token, string method) =>
        {
            Interlocked.Increment(ref fake!.Requests);
            if (token != fake.Token) return Error(ctx, 401, "Unauthorized");
            if (method != "sendMessage") return Error(ctx, 404, "Not Found: method not found");
            if (fake._failWith.TryDequeue(out var status))
            {
                return status == 429 ? Error(ctx, 429, "Too Many Requests: retry after 1", new { retry_after = 1 }) : Error(ctx, status, "Internal Server Error");
            }

            using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            var r = body.RootElement;
            if (!r.TryGetProperty("chat_id", out var chat) || chat.ToString() != fake.ChatId.ToString(CultureInfo.InvariantCulture)) return Error(ctx, 400, "Bad Request: chat not found");
            var text = r.GetProperty("text").GetString() ?? "";
            if (text.Length is 0 or > 4096) return Error(ctx, 400, "Bad Request: message is too long");
            fake.Messages.Enqueue((text, r.TryGetProperty("disable_notification", out var s) && s.GetBoolean()));
            var message = new { message_id = Interlocked.Increment(ref fake._messageId), date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), chat = new { id = fake.ChatId, type = "private" }, text };
            return Results.Json(new { ok = true, result = message });
        }));
        fake = new TelegramBotApiFake(app, root, token, chatId);
        return fake;
    }

    private static IResult Error(HttpContext ctx, int code, string description, object? parameters = null) =>
        Results.Json(parameters is null ? new { ok = false, error_code = code, description } : (object)new { ok = false, error_code = code, description, parameters }, statusCode: code);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>
/// Twilio's Messages resource on loopback: <c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>, form-encoded, HTTP
/// Basic <c>sid:token</c>; 201 with the message resource, or Twilio's error document <c>{"code","message","more_info","status"}</c>
/// (20003 authentication, 21211 invalid To, 20429 too many requests).
/// </summary>
internal sealed class TwilioFake : IAsyncDisposable
{
    public const string Sid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "twilio-auth-token-for-tests";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _failWith = new();

    private TwilioFake(WebApplication app, Uri root)
    {
        _app = app;
        BaseUrl = root.ToString().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<(string To, string From, string Body)> Messages { get; } = new();

    public int Requests;

    public void FailNext(params int[] statuses)
    {
        foreach (var s in statuses) _failWith.Enqueue(s);
    }

    public static async Task<TwilioFake> StartAsync()
    {
        TwilioFake? fake = null;
        var (app, root) = await LoopbackServer.StartAsync(a => a.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpContext ctx, string sid) =>
        {
            Interlocked.Increment(ref fake!.Requests);
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Sid + ":" + AuthToken));
            if (sid != Sid || ctx.Request.Headers.Authorization != expected) return Error(401, 20003, "Authenticate");
            if (fake._failWith.TryDequeue(out var status)) return status == 429 ? Error(429, 20429, "Too Many Requests") : Error(status, 20500, "Internal Server Error");
            var form = await ctx.Request.ReadFormAsync();
            string to = form["To"].ToString(), from = form["From"].ToString(), body = form["Body"].ToString();
            if (!to.StartsWith('+') || to.Length < 8) return Error(400, 21211, $"The 'To' number {to} is not a valid phone number.");
            if (body.Length is 0 or > 1600) return Error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
            fake.Messages.Enqueue((to, from, body));
            return Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), account_sid = sid, to, from, body, status = "queued" }, statusCode: 201);
        }));
        fake = new TwilioFake(app, root);
        return fake;
    }

    private static IResult Error(int status, int code, string message) =>
        Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
