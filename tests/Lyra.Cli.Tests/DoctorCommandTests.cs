namespace Lyra.Cli.Tests;

/// <summary><c>lyra doctor</c> as a user runs it: the preflight printed line by line, exit code 1 when a check fails.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lyra-doctor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Doctor_prints_every_check_and_fails_on_limits_that_refuse_every_order()
    {
        var env = new Dictionary<string, string> { ["Lyra__MarketData__Source"] = "replay", ["Lyra__Collect__Markets__0"] = "replay:BTCUSDT:1m" };
        var ok = await LyraProcess.RunAsync(env, TimeSpan.FromMinutes(2), "doctor", "--data-dir", _dir);
        Assert.True(ok.ExitCode == 0, ok.Output + ok.Error);
        Assert.Matches(@"(?m)^PASS  storage storage\s+", ok.Output);
        Assert.Matches(@"(?m)^PASS  configuration Lyra:Risk\s+valid$", ok.Output);
        Assert.Matches(@"(?m)^WARN  market_data market_data\s+.*replay:BTCUSDT:1m: no candles yet", ok.Output);
        Assert.Matches(@"lyra doctor: passed: \d+ checks, 0 failed, \d+ warning\(s\) in \d+ ms", ok.Output);

        env["Lyra__Risk__MinOrderNotional"] = "1000000";
        var failed = await LyraProcess.RunAsync(env, TimeSpan.FromMinutes(2), "doctor", "--data-dir", _dir);
        Assert.Equal(1, failed.ExitCode);
        Assert.Matches(@"(?m)^FAIL  risk minimum order\s+the largest position \(1000 at equity 10000\) is below Lyra:Risk:MinOrderNotional 1000000", failed.Output);
        Assert.Contains("lyra doctor: FAILED: ", failed.Output, StringComparison.Ordinal);
    }
}
