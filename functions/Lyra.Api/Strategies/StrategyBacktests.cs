using Lyra.Ai.Voting;
using Lyra.Core.Errors;
using Lyra.Core.Journals;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Optimization;
using Lyra.Strategies.Reports;
using Lyra.Strategies.Strategies;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Signals;

namespace Lyra.Api.Strategies;

/// <summary>The backtest API's work: validate the request, load the candles, run and summarise.</summary>
public static class StrategyBacktests
{
    /// <summary>Most bars one API backtest may use.</summary>
    public const int MaxBars = 1_000_000;

    /// <summary>What <c>POST /api/strategies/backtest</c> returns.</summary>
    /// <param name="Strategy">Strategy.</param>
    /// <param name="Parameters">Parameters used (defaults filled in).</param>
    /// <param name="Data">Where the candles came from.</param>
    /// <param name="Bars">Bars backtested.</param>
    /// <param name="Statistics">Every metric by name (null where undefined, such as win rate without trades).</param>
    /// <param name="Table">The statistics table as shown in the CLI.</param>
    /// <param name="Trades">Trades (the first 1,000).</param>
    /// <param name="ReplayedVotes">With <c>replay_votes</c>: recorded decisions found in the period and bars decided by them.</param>
    public sealed record BacktestReportDto(string Strategy, IReadOnlyDictionary<string, double> Parameters, string Data, int Bars,
        IReadOnlyDictionary<string, double?> Statistics, IReadOnlyDictionary<string, string> Table, IReadOnlyList<BacktestTrade> Trades,
        ReplayedVotes? ReplayedVotes = null);

    /// <summary>What a point-in-time replay used.</summary>
    /// <param name="Decisions">Decisions with recorded votes inside the backtested candles.</param>
    /// <param name="Bars">Bars decided by recorded votes.</param>
    /// <param name="ModelVotes">LLM votes among them (not asked again).</param>
    public sealed record ReplayedVotes(int Decisions, int Bars, int ModelVotes);

    /// <summary>The votes recorded in <paramref name="market"/>'s decision journals within the series, by candle time.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<Vote>>> RecordedVotesAsync(string market, CandleSeries series,
        IJournalStore<DecisionJournal> decisions, CancellationToken ct)
    {
        var recorded = new Dictionary<long, IReadOnlyList<Vote>>();
        if (series.Count == 0) return recorded;
        var (from, to) = (series.Time[0], series.Time[^1]);
        var query = new JournalQuery(market, Limit: int.MaxValue, From: DateTimeOffset.FromUnixTimeMilliseconds(from), To: DateTimeOffset.FromUnixTimeMilliseconds(to));
        foreach (var d in await decisions.ListAsync(query, ct))
        {
            var t = d.Signal.CandleTime.ToUnixTimeMilliseconds();
            if (t < from || t > to || d.Votes.Count == 0 || recorded.ContainsKey(t)) continue;
            recorded[t] = d.Votes;
        }

        return recorded;
    }

    /// <summary>Loads the candles named by the request.</summary>
    public static async Task<(CandleSeries Series, string Source)> LoadSeriesAsync(BacktestRequest r, ICandleStore store, CancellationToken ct)
    {
        if (r.Candles is not null && r.Market is not null) throw new ValidationException("candles", "give either candles or market, not both");
        if (r.Candles is { } rows) return (Parse(rows, "candles"), "inline");

        if (r.Market is null) throw new ValidationException("market", "give market (stored candles) or candles (inline)");
        var market = Market.Parse(r.Market, "market");
        var bars = r.Bars ?? 1000;
        if (bars is < 2 or > MaxBars) throw new ValidationException("bars", $"bars must be 2..{MaxBars}");
        var latest = await store.GetLatestTimeAsync(market, ct) ?? throw new ValidationException("market", $"no candles stored for {market.Key}");
        var window = await store.GetWindowAsync(market, latest, bars, ct);
        return (CandleSeries.From(window), $"{market.Key}: {window.Count} stored candles");
    }

    /// <summary>Parses inline freqtrade rows, naming the bad one as <c>field[i]</c>.</summary>
    public static CandleSeries Parse(double[][] rows, string field)
    {
        if (rows.Length > MaxBars) throw new ValidationException(field, $"at most {MaxBars} candles per request");
        var s = new CandleSeries(new long[rows.Length], new double[rows.Length], new double[rows.Length], new double[rows.Length], new double[rows.Length], new double[rows.Length]);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (row is null || row.Length != 6) throw new ValidationException($"{field}[{i}]", "expected [ms, open, high, low, close, volume]");
            if (!row.All(double.IsFinite) || row[0] < 0 || row[0] > 253402300799999) throw new ValidationException($"{field}[{i}]", "values must be finite and the time epoch milliseconds");
            var candle = new Candle(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]), (decimal)row[1], (decimal)row[2], (decimal)row[3], (decimal)row[4], (decimal)row[5]);
            if (candle.Problem() is { } problem) throw new ValidationException($"{field}[{i}]", problem);
            if (i > 0 && (long)row[0] <= s.Time[i - 1]) throw new ValidationException($"{field}[{i}]", "timestamps must increase");
            (s.Time[i], s.Open[i], s.High[i], s.Low[i], s.Close[i], s.Volume[i]) = ((long)row[0], row[1], row[2], row[3], row[4], row[5]);
        }

        return s;
    }

    /// <summary>Runs the backtest; bad strategy names, parameters or options are <see cref="ValidationException"/>s naming the field.</summary>
    /// <param name="strategies">The strategy factory.</param>
    /// <param name="r">The request.</param>
    /// <param name="series">Its candles.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="recorded">Recorded votes for a point-in-time replay of <c>ai-signals</c>.</param>
    public static BacktestReportDto Run(IStrategyFactory strategies, BacktestRequest r, CandleSeries series, CancellationToken ct, IReadOnlyDictionary<long, IReadOnlyList<Vote>>? recorded = null)
    {
        var name = r.Strategy ?? throw new ValidationException("strategy", "strategy is required");
        var options = new BacktestOptions
        {
            Cash = r.Cash ?? 10_000, Commission = r.Commission ?? 0, Spread = r.Spread ?? 0, Slippage = r.Slippage ?? 0, SizeFraction = r.Size ?? 1,
            AllowShort = r.Margin ?? false, StopLoss = r.StopLoss, TakeProfit = r.TakeProfit, TrailingStop = r.TrailingStop,
        };
        var second = r.Candles2 is { } rows2 ? Parse(rows2, "candles2") : null;
        var replay = recorded is null ? null : AiSignalStrategy.WithRecordedVotes(strategies, r.Parameters, recorded);
        var result = replay is not null ? Backtester.Run(series, replay, options, cancellationToken: ct) : Backtests.Run(strategies, series, second, name, r.Parameters, options, cancellationToken: ct);
        var stats = BacktestStatistics.Compute(result);
        var metrics = MetricCatalog.Metrics.ToDictionary(kv => kv.Key, kv => double.IsFinite(kv.Value(stats)) ? kv.Value(stats) : (double?)null);
        var parameters = strategies.Schemas[name].ToDictionary(p => p.Name, p => r.Parameters?.GetValueOrDefault(p.Name, p.Default) ?? p.Default);
        var trades = result.Trades.Take(1000).Select(BacktestTrade.Of).ToList();
        var replayed = replay is null ? null : new ReplayedVotes(recorded!.Count, replay.ReplayedBars, recorded.Values.Sum(v => v.Count(x => x.Model is not null && !x.Abstained)));
        return new BacktestReportDto(name, parameters, "", series.Count, metrics, BacktestReport.Rows(stats).ToDictionary(x => x.Name, x => x.Value), trades, replayed);
    }
}
