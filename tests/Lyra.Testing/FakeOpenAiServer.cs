using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Testing;

/// <summary>
/// A loopback stand-in for OpenRouter's OpenAI-compatible API: <c>POST /api/v1/chat/completions</c> answering in the
/// chat-completion wire format (choices[].message.content, usage), or with the documented error bodies
/// (<c>{"error":{"message","code"}}</c>) for 401, 429 (with Retry-After) and 500; <c>GET /api/v1/models</c> with
/// <c>data[]</c> of id, name, context_length and pricing (USD per token as decimal strings). Replies are scripted per call
/// and may carry rate-limit headers (<c>X-RateLimit-Remaining</c>, <c>X-RateLimit-Reset</c> in epoch ms).
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    /// <summary>One scripted reply.</summary>
    /// <param name="Status">HTTP status.</param>
    /// <param name="Content">Assistant message content (200), or the error message.</param>
    /// <param name="Delay">Wait before answering.</param>
    /// <param name="PromptTokens">usage.prompt_tokens of a 200.</param>
    /// <param name="CompletionTokens">usage.completion_tokens of a 200.</param>
    /// <param name="Headers">Extra response headers (rate limits).</param>
    public sealed record Reply(int Status, string Content, TimeSpan Delay = default, int PromptTokens = 120, int CompletionTokens = 30, IReadOnlyDictionary<string, string>? Headers = null)
    {
        /// <summary>A well-formed vote.</summary>
        public static Reply Vote(string action, double confidence) =>
            new(200, JsonSerializer.Serialize(new { action, confidence, horizon = "4h", rationale = $"model says {action}" }));
    }

    /// <summary>A model in the <c>GET models</c> list.</summary>
    /// <param name="Id">Model id.</param>
    /// <param name="ContextLength">Context window.</param>
    /// <param name="PromptPerMillion">USD per million prompt tokens.</param>
    /// <param name="CompletionPerMillion">USD per million completion tokens.</param>
    public sealed record Model(string Id, int ContextLength, decimal PromptPerMillion, decimal CompletionPerMillion);

    private WebApplication _app = null!;
    private readonly ConcurrentQueue<Reply> _script = new();

    /// <summary>Base URL to configure as <c>Lyra:OpenRouter:BaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// Settings that point Lyra's OpenRouter gateway at this server with one test key and the model <c>acme/alpha</c>, and
    /// put <paramref name="voters"/> on the trading panel (for example <c>llm:acme/alpha</c>).
    /// </summary>
    public Dictionary<string, string?> PanelSettings(params string[] voters)
    {
        var d = new Dictionary<string, string?>
        {
            ["Lyra:OpenRouter:BaseUrl"] = BaseUrl,
            ["Lyra:OpenRouter:ApiKeys:0"] = "sk-or-test-0001",
            ["Lyra:OpenRouter:Models:0"] = "acme/alpha",
        };
        for (var i = 0; i < voters.Length; i++) d[$"Lyra:Trading:Voters:{i}"] = voters[i];
        return d;
    }

    /// <summary>The answer when nothing is scripted.</summary>
    public Reply Default { get; set; } = Reply.Vote("buy", 0.8);

    /// <summary>What <c>GET models</c> lists.</summary>
    public IReadOnlyList<Model> Models { get; set; } = [new("acme/model-1", 8192, 1m, 2m), new("acme/alpha", 8192, 1m, 2m), new("acme/beta", 8192, 3m, 15m)];

    /// <summary>Status <c>GET models</c> answers with (200 lists <see cref="Models"/>).</summary>
    public int ModelsStatus { get; set; } = 200;

    /// <summary>Every completion request: the last four characters of its bearer key, the model and the messages' contents.</summary>
    public ConcurrentQueue<(string KeySuffix, string Model, string[] Messages, bool JsonMode)> Requests { get; } = new();

    /// <summary>Number of <c>GET models</c> requests.</summary>
    public int ModelListRequests => _modelListRequests;

    private int _modelListRequests;

    /// <summary>Starts on a free loopback port.</summary>
    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        (server._app, var address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/api/v1/chat/completions", (Func<HttpContext, Task>)server.CompleteAsync);
            app.MapGet("/api/v1/models", (Func<HttpContext, Task>)server.ListModelsAsync);
        });
        server.BaseUrl = address + "api/v1/";
        return server;
    }

    /// <summary>Queues replies for the next calls, in order.</summary>
    public void Script(params Reply[] replies)
    {
        foreach (var r in replies) _script.Enqueue(r);
    }

    private async Task ListModelsAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _modelListRequests);
        if (ModelsStatus != 200)
        {
            await Error(ctx, ModelsStatus, "models unavailable");
            return;
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            data = Models.Select(m => new
            {
                id = m.Id,
                name = "Acme " + m.Id,
                created = 1_700_000_000,
                context_length = m.ContextLength,
                pricing = new
                {
                    prompt = (m.PromptPerMillion / 1_000_000m).ToString(CultureInfo.InvariantCulture),
                    completion = (m.CompletionPerMillion / 1_000_000m).ToString(CultureInfo.InvariantCulture),
                    request = "0",
                    image = "0",
                },
                supported_parameters = new[] { "response_format", "temperature" },
            }),
        }));
    }

    private async Task CompleteAsync(HttpContext ctx)
    {
        using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
        var auth = ctx.Request.Headers.Authorization.ToString();
        var model = body.RootElement.GetProperty("model").GetString() ?? "";
        var messages = body.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").ToString()).ToArray();
        var json = body.RootElement.TryGetProperty("response_format", out var rf) && rf.GetProperty("type").GetString() == "json_object";
        Requests.Enqueue((auth.Length >= 4 ? auth[^4..] : auth, model, messages, json));
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await Error(ctx, 401, "No auth credentials found");
            return;
        }

        var reply = _script.TryDequeue(out var r) ? r : Default;
        if (reply.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(reply.Delay, ctx.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }

        foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>()) ctx.Response.Headers[k] = v;
        if (reply.Status != 200)
        {
            if (reply.Status == 429 && !ctx.Response.Headers.ContainsKey("Retry-After")) ctx.Response.Headers.RetryAfter = "30";
            await Error(ctx, reply.Status, reply.Content);
            return;
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            id = "gen-" + Guid.NewGuid().ToString("N")[..8],
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = reply.PromptTokens, completion_tokens = reply.CompletionTokens, total_tokens = reply.PromptTokens + reply.CompletionTokens },
        }));
    }

    private static async Task Error(HttpContext ctx, int status, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message, code = status } }));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
