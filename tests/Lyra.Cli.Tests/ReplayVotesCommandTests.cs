using System.Globalization;
using System.Text.RegularExpressions;

namespace Lyra.Cli.Tests;

/// <summary>
/// <c>lyra backtest --strategy ai-signals --replay-votes</c> end to end: a replay records decisions with their votes, the
/// backtest of the same candles replays them from a backup folder and from the data directory.
/// </summary>
public sealed partial class ReplayVotesCommandTests : IDisposable
{
    private readonly TestFolder _folder = new("lyra-replay-votes-");

    public void Dispose() => _folder.Dispose();

    private string P(string name) => _folder[name];

    private static Task<LyraProcess.Result> Lyra(params string[] args) => LyraProcess.RunAsync(null, TimeSpan.FromMinutes(3), args);

    [GeneratedRegex(@"^decisions\s+(\d+):", RegexOptions.Multiline)]
    private static partial Regex DecisionsLine();

    [GeneratedRegex(@"replayed votes of (\d+) recorded decisions of replay:BTCUSDT:1m from (backup|state kept in) ")]
    private static partial Regex ReplayedLine();

    [Fact]
    public async Task Recorded_votes_decide_the_backtest_from_a_backup_and_from_the_data_directory()
    {
        Assert.Equal(0, (await Lyra("data", "synth", "--bars", "300", "--seed", "5", "--out", P("s.csv"))).ExitCode);
        var run = await Lyra("run", "--replay", P("s.csv"), "--speed", "0", "--port", "0", "--no-auth", "--data-dir", P("state"));
        Assert.True(run.ExitCode == 0, run.Error);
        var decisions = int.Parse(DecisionsLine().Match(run.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(decisions > 0, run.Output);
        Assert.Equal(0, (await Lyra("data", "backup", "--data-dir", P("state"), "--out", P("backup"))).ExitCode);

        foreach (var (source, kind) in new[] { (P("backup"), "backup"), (P("state"), "state kept in") })
        {
            var bt = await Lyra("backtest", "--data", P("s.csv"), "--strategy", "ai-signals", "--replay-votes", source, "--out", P("out-" + kind.Length));
            Assert.True(bt.ExitCode == 0, bt.Error);
            var m = ReplayedLine().Match(bt.Output);
            Assert.True(m.Success, bt.Output);
            Assert.Equal((decisions, kind), (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value));
        }

        var wrong = await Lyra("backtest", "--data", P("s.csv"), "--strategy", "sma-cross", "--replay-votes", P("backup"));
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--replay-votes: --replay-votes needs --strategy ai-signals", wrong.Error, StringComparison.Ordinal);
        var none = await Lyra("backtest", "--data", P("s.csv"), "--strategy", "ai-signals", "--replay-votes", P("nowhere"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("is neither a folder (a backup or a data directory) nor 'storage'", none.Error, StringComparison.Ordinal);
    }
}
