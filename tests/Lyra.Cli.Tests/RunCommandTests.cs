using System.Text.RegularExpressions;
using Lyra.Testing;

namespace Lyra.Cli.Tests;

/// <summary><c>lyra run</c> end to end, as a separate process with its own Azurite.</summary>
public sealed partial class RunCommandTests
{
    [GeneratedRegex(@"^(?<key>[A-Za-z ]+?)\s{2,}(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    private static Dictionary<string, string> Summary(string output)
    {
        var start = output.IndexOf("== Lyra replay summary ==", StringComparison.Ordinal);
        Assert.True(start >= 0, "no summary in output:\n" + output);
        return SummaryLine().Matches(output[start..]).ToDictionary(m => m.Groups["key"].Value.Trim(), m => m.Groups["value"].Value.Trim());
    }

    [SharedDataFact("UNITTEST_BTC-1m.json")]
    public async Task Replay_of_the_shared_1m_candles_runs_the_whole_pipeline_and_summarises_it()
    {
        var r = await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(5),
            "run", "--replay", RepoPaths.Shared("UNITTEST_BTC-1m.json"), "--bars", "240", "--speed", "0", "--port", "0");

        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        Assert.Contains("started Azurite", r.Output, StringComparison.Ordinal);
        Assert.Matches(@"replay\s+100%\s+2017-11-0\d \d\d:\d\d\s+candles 240/240", r.Output);
        var s = Summary(r.Output);
        Assert.Equal("240", s["candles"]);
        var signals = int.Parse(s["signals"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(signals > 0, "the MA cross fires on this data");
        var decisions = DecisionsLine().Match(s["decisions"]);
        Assert.True(decisions.Success, s["decisions"]);
        // Every signal became exactly one decision; none failed; each executed decision and each stop exit placed one order.
        Assert.Equal(signals, int.Parse(decisions.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0", decisions.Groups[4].Value);
        var exits = StopExitsLine().Match(s["stop exits"]);
        Assert.True(exits.Success, s["stop exits"]);
        Assert.Equal(int.Parse(decisions.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(exits.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(s["orders"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(@"^[+-]\d+\.\d\d \([+-]\d+\.\d\d%\)", s["PnL"]);
    }

    [GeneratedRegex(@"^(\d+): executed (\d+), rejected (\d+), failed (\d+)$")]
    private static partial Regex DecisionsLine();

    [GeneratedRegex(@"^(\d+)( \(((stop_loss|trailing_stop|take_profit) \d+(, )?)+\))?$")]
    private static partial Regex StopExitsLine();

    [Fact]
    public async Task Replay_is_deterministic_for_the_same_input()
    {
        var a = Summary((await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(5), "run", "--replay", "--bars", "180", "--speed", "0", "--port", "0")).Output);
        var b = Summary((await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(5), "run", "--replay", "--bars", "180", "--speed", "0", "--port", "0")).Output);
        a.Remove("elapsed");
        b.Remove("elapsed");
        Assert.Equal(a, b);
        Assert.Equal("180", a["candles"]);
    }

    [Fact]
    public async Task A_bad_replay_file_stops_before_anything_starts_naming_file_line_and_reason()
    {
        var dir = Directory.CreateTempSubdirectory("lyra-cli-");
        try
        {
            var file = Path.Combine(dir.FullName, "broken.csv");
            await File.WriteAllTextAsync(file, "Date,Open,High,Low,Close,Volume\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n2024-01-01 00:01:00,1,2,0.5,oops,10\n");
            var r = await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(1), "run", "--replay", file, "--port", "0");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("broken.csv: line 3: close 'oops' is not a number", r.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Azurite", r.Output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_setting_stops_the_local_host_naming_it()
    {
        var r = await LyraProcess.RunAsync(new Dictionary<string, string> { ["Lyra__Risk__MaxPositionPercent"] = "250" }, TimeSpan.FromMinutes(2),
            "run", "--replay", "--bars", "50", "--port", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("configuration error", r.Error, StringComparison.Ordinal);
        Assert.Contains("Lyra:Risk:MaxPositionPercent", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_in_two_sections_are_all_named_and_a_market_on_a_disabled_venue_is_one()
    {
        var r = await LyraProcess.RunAsync(new Dictionary<string, string>
        {
            ["Lyra__Risk__MaxPositionPercent"] = "250",
            ["Lyra__Collect__Markets__0"] = "gateio:BTCUSDT:1m",
        }, TimeSpan.FromMinutes(2), "run", "--in-memory", "--port", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Lyra:Risk:MaxPositionPercent", r.Error, StringComparison.Ordinal);
        Assert.Contains("Lyra:Collect:Markets:0: 'gateio:BTCUSDT:1m' trades on gateio, which is not enabled (set Lyra:Exchanges:gateio:Enabled=true", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--speed", "-1", "--speed must be 0")]
    [InlineData("--bars", "1", "--bars must be at least 2")]
    public async Task Bad_flags_are_refused(string flag, string value, string message)
    {
        var r = await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(1), "run", "--replay", flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
    }
}
