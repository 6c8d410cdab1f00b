using System.Globalization;
using Lyra.Ai.Analysts;
using Lyra.Ai.Consensus;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Strategies.Indicators;
using Lyra.Strategies.Strategies;

namespace Lyra.Workflows.Signals;

/// <summary>
/// AI signals: on every bar the offline analyst panel (trend, mean-reversion, volatility regime) votes on a proposal —
/// buy above the <c>window</c>-bar mean, sell below it — and the weighted consensus (quorum, minimum agreement) is the
/// signal. The same voters and consensus engine the live TradeFlow uses. Point-in-time replay: given the votes recorded
/// in the decision journals (LLM votes included), a bar that had a decision is decided by those votes exactly as they
/// were cast, so a backtest over a traded period re-uses what the models said then instead of asking them again.
/// Heavier than the indicator strategies: it builds a vote context per bar.
/// </summary>
public sealed class AiSignalStrategy : ISignalStrategy
{
    /// <summary>Catalog name.</summary>
    public const string StrategyName = "ai-signals";

    /// <summary>Declared parameters.</summary>
    public static IReadOnlyList<StrategyParameter> Parameters { get; } =
    [
        new("window", 60, 40, 500, "bars shown to the voters (and the proposal's mean)"),
        new("quorum", 2, 1, 3, "minimum answering voters"),
        new("min_agreement", 0.6, 0.5, 1, "winning share of the weighted vote"),
    ];

    private readonly IVoter[] _voters = [new TrendAnalyst(), new MeanReversionAnalyst(), new VolatilityRegimeAnalyst()];
    private readonly int _window;
    private readonly ConsensusOptions _consensus;
    private RollingWindowBuffer _close, _high, _low;
    private SimpleMovingAverage _mean;
    private ConsensusResult? _last;

    private readonly IReadOnlyDictionary<long, IReadOnlyList<Vote>>? _recorded;

    /// <summary>Creates the strategy; <paramref name="recorded"/> holds recorded votes by candle open time (epoch ms).</summary>
    public AiSignalStrategy(int window, int quorum, double minAgreement, IReadOnlyDictionary<long, IReadOnlyList<Vote>>? recorded = null)
    {
        _recorded = recorded;
        _window = window;
        _consensus = new ConsensusOptions { Quorum = quorum, MinAgreement = minAgreement };
        (_close, _high, _low, _mean) = (new(window), new(window), new(window), new(window));
    }

    /// <summary>Bars decided by recorded votes in the last run.</summary>
    public int ReplayedBars { get; private set; }

    /// <summary>The strategy with <paramref name="parameters"/> (validated by <paramref name="strategies"/>) replaying <paramref name="recorded"/> votes.</summary>
    public static AiSignalStrategy WithRecordedVotes(IStrategyFactory strategies, IReadOnlyDictionary<string, double>? parameters,
        IReadOnlyDictionary<long, IReadOnlyList<Vote>> recorded) =>
        From(strategies.ResolveParameters(StrategyName, parameters), recorded);

    /// <summary>The strategy from resolved parameters (window, quorum, min_agreement).</summary>
    public static AiSignalStrategy From(IReadOnlyDictionary<string, double> p, IReadOnlyDictionary<long, IReadOnlyList<Vote>>? recorded = null) =>
        new((int)p["window"], (int)p["quorum"], p["min_agreement"], recorded);

    /// <inheritdoc />
    public string Name => StrategyName;
    /// <inheritdoc />
    public int WarmupBars => _window + 1;

    /// <inheritdoc />
    public void Reset()
    {
        (_close, _high, _low, _mean) = (new(_window), new(_window), new(_window), new(_window));
        _last = null;
        ReplayedBars = 0;
    }

    /// <inheritdoc />
    public TradeAction OnBar(CandleSeries series, int index)
    {
        var close = series.Close[index];
        _close.Add(close);
        _high.Add(series.High[index]);
        _low.Add(series.Low[index]);
        var mean = _mean.Update(close);
        _last = null;
        if (_recorded is not null && _recorded.TryGetValue(series.Time[index], out var cast))
        {
            ReplayedBars++;
            _last = ConsensusEngine.Decide(cast, _consensus);
            return _last.Action;
        }

        if (!_close.IsFull) return TradeAction.Hold;
        var proposal = close > mean ? TradeAction.Buy : TradeAction.Sell;
        var context = new VoteContext("backtest", proposal, "price vs mean", _close.ToArray(), _high.ToArray(), _low.ToArray(), false);
        var votes = new Vote[_voters.Length];
        // The offline analysts answer synchronously (completed tasks).
        for (var v = 0; v < _voters.Length; v++) votes[v] = _voters[v].VoteAsync(context).GetAwaiter().GetResult();
        _last = ConsensusEngine.Decide(votes, _consensus);
        return _last.Action;
    }

    /// <inheritdoc />
    public string Describe() => _last is null ? "warming up" :
        "panel: " + _last.Reason + "; " + string.Join("; ", _last.Votes.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Voter} {v.Action} {v.Confidence:F2}")));

    /// <summary>The last N values in order, oldest first.</summary>
    private sealed class RollingWindowBuffer(int size)
    {
        private readonly double[] _values = new double[size];
        private int _count, _next;

        public bool IsFull => _count == _values.Length;

        public void Add(double v)
        {
            _values[_next] = v;
            _next = (_next + 1) % _values.Length;
            if (_count < _values.Length) _count++;
        }

        public double[] ToArray()
        {
            var result = new double[_count];
            for (var i = 0; i < _count; i++) result[i] = _values[(_next - _count + i + _values.Length) % _values.Length];
            return result;
        }
    }
}
