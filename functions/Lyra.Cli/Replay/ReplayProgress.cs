using System.Globalization;

namespace Lyra.Cli.Replay;

/// <summary>Where a replay stands after a candle: candles done of the total, the candle's time, flows started, time taken.</summary>
public readonly record struct ReplayProgress(int Candles, int Total, DateTimeOffset Time, int Flows, TimeSpan Elapsed)
{
    /// <summary>Share of the candles replayed, 0..1.</summary>
    public double Fraction => Total == 0 ? 1 : (double)Candles / Total;

    /// <summary>The candle's time and the counts, for a progress bar's description.</summary>
    public string Detail => string.Create(CultureInfo.InvariantCulture, $"{Time:yyyy-MM-dd HH:mm} · candles {Candles}/{Total} · flows {Flows}");

    /// <summary>A log line: <c>replay  40%  2024-01-01 09:35  candles 576/1440  flows 5  12.3s</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"replay {100.0 * Fraction,5:0}%  {Time:yyyy-MM-dd HH:mm}  candles {Candles}/{Total}  flows {Flows}  {Elapsed.TotalSeconds:0.0}s");

    /// <summary>Writes a line at every tenth of the replay and at its last candle (logs, pipes, CI).</summary>
    public sealed class Lines(TextWriter output) : IProgress<ReplayProgress>
    {
        private double _next = 0.1;

        /// <inheritdoc />
        public void Report(ReplayProgress value)
        {
            if (value.Fraction < _next && value.Candles < value.Total) return;
            output.WriteLine(value.ToString());
            while (_next <= value.Fraction) _next += 0.1;
        }
    }
}
