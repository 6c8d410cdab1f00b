using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lyra.Security.Access;
using Lyra.Testing;

namespace Lyra.Cli.Tests;

/// <summary><c>lyra run</c> started as a separate process, as a user starts it: its output is collected, its API found, and it can be signalled or killed.</summary>
internal sealed partial class LyraHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();

    private LyraHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _error.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public HttpClient Http { get; private set; } = null!;

    public IReadOnlyList<string> Output => [.. _output];

    public IReadOnlyList<string> Error => [.. _error];

    public string Log => string.Join('\n', Output) + "\n--- stderr ---\n" + string.Join('\n', Error);

    [GeneratedRegex(@"API at (?<url>http://127\.0\.0\.1:\d+)/api")]
    private static partial Regex ApiLine();

    /// <summary>An API key for hosts given its hash in the environment (<see cref="WithTestKey"/>) instead of creating one.</summary>
    public static string TestKey { get; } = ApiKey.Generate();

    /// <summary><paramref name="env"/> plus the hash of <see cref="TestKey"/> as the host's API key.</summary>
    public static Dictionary<string, string> WithTestKey(IDictionary<string, string> env) =>
        new(env) { ["Lyra__Api__KeySha256"] = ApiKey.Hash(TestKey) };

    /// <summary>The API key the host showed (a new one), else <see cref="TestKey"/>.</summary>
    public string Key { get; private set; } = TestKey;

    /// <summary>Starts <c>lyra</c> with <paramref name="args"/> and waits until its API answers.</summary>
    public static async Task<LyraHostProcess> StartAsync(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var psi = LyraProcess.StartInfo(env, args);
        var host = new LyraHostProcess(Process.Start(psi)!);
        await Eventually.UntilAsync(() => Task.FromResult(host.Output.Any(l => ApiLine().IsMatch(l)) || host._process.HasExited), TimeSpan.FromSeconds(90), "lyra's API to start");
        if (host._process.HasExited) throw new InvalidOperationException("lyra exited at start: " + host.Log);
        host.Http = new HttpClient { BaseAddress = new Uri(ApiLine().Match(host.Output.First(l => ApiLine().IsMatch(l))).Groups["url"].Value) };
        if (host.Output.FirstOrDefault(l => l.StartsWith(Hosting.LocalApiAccess.NewKeyLine, StringComparison.Ordinal)) is { } shown)
        {
            host.Key = shown[Hosting.LocalApiAccess.NewKeyLine.Length..].Split(' ')[0];
        }

        host.Http.DefaultRequestHeaders.Add(ApiKey.Header, host.Key);
        return host;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var r = await Http.GetAsync(path);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    public async Task<JsonElement> PostAsync(string path, string body = "{}")
    {
        using var r = await Http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(r.IsSuccessStatusCode, $"POST {path}: {(int)r.StatusCode} {json}");
        return json.GetProperty("data");
    }

    /// <summary>Sends <paramref name="signal"/> (15 = SIGTERM, 9 = SIGKILL) and waits for the exit; returns the exit code and how long it took.</summary>
    public async Task<(int ExitCode, TimeSpan Took)> SignalAsync(int signal, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        Assert.Equal(0, Kill(_process.Id, signal));
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"lyra did not exit within {timeout.TotalSeconds:0} s of signal {signal}: " + Log);
        }

        _process.WaitForExit(); // drain the output
        return (_process.ExitCode, sw.Elapsed);
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"lyra did not exit within {timeout.TotalSeconds:0} s: " + Log);
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (!_process.HasExited)
        {
            Kill(_process.Id, 15);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(15))) _process.Kill(entireProcessTree: true);
        }

        await Task.CompletedTask;
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
