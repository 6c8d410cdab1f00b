namespace Lyra.Strategies.Backtesting;

/// <summary>The statistics traders know, computed from a <see cref="BacktestResult"/>. Formulas: docs/metrics.md.</summary>
public sealed record BacktestStatistics
{
    /// <summary>First bar time.</summary>
    public DateTimeOffset Start { get; init; }
    /// <summary>Last bar time.</summary>
    public DateTimeOffset End { get; init; }
    /// <summary>End - Start.</summary>
    public TimeSpan Duration { get; init; }
    /// <summary>Bars with an open position / all bars, %.</summary>
    public double ExposureTimePct { get; init; }
    /// <summary>Equity at the end.</summary>
    public double EquityFinal { get; init; }
    /// <summary>Highest equity.</summary>
    public double EquityPeak { get; init; }
    /// <summary>Total return, %.</summary>
    public double ReturnPct { get; init; }
    /// <summary>Buy and hold return over the same bars (last close / first close - 1), %.</summary>
    public double BuyAndHoldReturnPct { get; init; }
    /// <summary>Geometric mean per-bar return compounded over a year of bars, %.</summary>
    public double ReturnAnnualizedPct { get; init; }
    /// <summary>Compound annual growth rate over calendar time, %.</summary>
    public double CagrPct { get; init; }
    /// <summary>Standard deviation of per-bar returns × √(bars per year), %.</summary>
    public double VolatilityAnnualizedPct { get; init; }
    /// <summary>Mean per-bar return / its standard deviation × √(bars per year) (risk-free 0).</summary>
    public double Sharpe { get; init; }
    /// <summary>Mean per-bar return / downside deviation × √(bars per year).</summary>
    public double Sortino { get; init; }
    /// <summary>CAGR / |max drawdown|.</summary>
    public double Calmar { get; init; }
    /// <summary>Deepest drawdown, % (≤ 0).</summary>
    public double MaxDrawdownPct { get; init; }
    /// <summary>Mean depth of the drawdown episodes, % (≤ 0).</summary>
    public double AvgDrawdownPct { get; init; }
    /// <summary>Longest time below a previous peak.</summary>
    public TimeSpan MaxDrawdownDuration { get; init; }
    /// <summary>Mean time below a previous peak per episode.</summary>
    public TimeSpan AvgDrawdownDuration { get; init; }
    /// <summary>Closed trades.</summary>
    public int Trades { get; init; }
    /// <summary>Winning trades / trades, %.</summary>
    public double WinRatePct { get; init; }
    /// <summary>Best trade return, %.</summary>
    public double BestTradePct { get; init; }
    /// <summary>Worst trade return, %.</summary>
    public double WorstTradePct { get; init; }
    /// <summary>Geometric mean trade return, %.</summary>
    public double AvgTradePct { get; init; }
    /// <summary>Longest trade.</summary>
    public TimeSpan MaxTradeDuration { get; init; }
    /// <summary>Mean trade duration.</summary>
    public TimeSpan AvgTradeDuration { get; init; }
    /// <summary>Gross profit / gross loss (∞ without losing trades).</summary>
    public double ProfitFactor { get; init; }
    /// <summary>Arithmetic mean trade return, %.</summary>
    public double ExpectancyPct { get; init; }
    /// <summary>System Quality Number: √N · mean(PnL) / sd(PnL).</summary>
    public double Sqn { get; init; }
    /// <summary>Kelly fraction W - (1 - W) / R, R = mean win / mean loss.</summary>
    public double Kelly { get; init; }

    /// <summary>Computes the statistics.</summary>
    public static BacktestStatistics Compute(BacktestResult r) =>
        Compute(r.Series.Time, r.Equity, r.Trades, r.Options.Cash, r.BarsInMarket, r.Series.Close[0], r.Series.Close[r.Equity.Length - 1]);

    /// <summary>
    /// The statistics of any equity curve and its trades, with the formulas of <c>docs/metrics.md</c>: a backtest's bars,
    /// or live trading's realized equity sampled at each closed trade.
    /// </summary>
    /// <param name="t">Sample times (Unix ms), ascending; as many as <paramref name="eq"/>, at least one.</param>
    /// <param name="eq">Equity at each sample.</param>
    /// <param name="trades">Closed round trips.</param>
    /// <param name="cash">Starting cash (Return % is measured against it).</param>
    /// <param name="barsInMarket">Samples that closed with a position open (Exposure Time %).</param>
    /// <param name="firstClose">The first price (Buy &amp; Hold).</param>
    /// <param name="lastClose">The last price (Buy &amp; Hold).</param>
    public static BacktestStatistics Compute(long[] t, double[] eq, IReadOnlyList<Trade> trades, double cash, int barsInMarket, double firstClose, double lastClose)
    {
        ArgumentOutOfRangeException.ThrowIfZero(eq.Length);
        var n = eq.Length;
        var start = DateTimeOffset.FromUnixTimeMilliseconds(t[0]);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(t[n - 1]);
        var years = (end - start).TotalDays / 365.25;
        var barsPerYear = years > 0 ? (n - 1) / years : 0;

        // Per-bar returns: mean, sample sd, downside deviation, geometric mean.
        double sum = 0, sumSq = 0, down = 0, logSum = 0;
        for (var i = 1; i < n; i++)
        {
            var ret = (eq[i] / eq[i - 1]) - 1;
            sum += ret;
            sumSq += ret * ret;
            if (ret < 0) down += ret * ret;
            logSum += Math.Log(eq[i] / eq[i - 1]);
        }

        var m = n > 1 ? sum / (n - 1) : 0;
        var sd = n > 2 ? Math.Sqrt(Math.Max(0, (sumSq - ((n - 1) * m * m)) / (n - 2))) : 0;
        var downside = n > 1 ? Math.Sqrt(down / (n - 1)) : 0;
        var geo = n > 1 ? Math.Exp(logSum / (n - 1)) - 1 : 0;

        // Drawdown episodes: from a peak until equity is back at or above it.
        double peak = eq[0], maxDd = 0, ddDepthSum = 0, episodeDepth = 0;
        int episodes = 0, peakBar = 0;
        long maxDur = 0, durSum = 0;
        var inDd = false;
        for (var i = 0; i < n; i++)
        {
            if (eq[i] >= peak)
            {
                if (inDd)
                {
                    episodes++;
                    ddDepthSum += episodeDepth;
                    var dur = t[i] - t[peakBar];
                    durSum += dur;
                    maxDur = Math.Max(maxDur, dur);
                    inDd = false;
                }

                peak = eq[i];
                peakBar = i;
                episodeDepth = 0;
                continue;
            }

            inDd = true;
            var dd = (eq[i] / peak) - 1;
            episodeDepth = Math.Min(episodeDepth, dd);
            maxDd = Math.Min(maxDd, dd);
        }

        if (inDd)
        {
            // An unrecovered drawdown counts up to the last bar.
            episodes++;
            ddDepthSum += episodeDepth;
            var dur = t[n - 1] - t[peakBar];
            durSum += dur;
            maxDur = Math.Max(maxDur, dur);
        }

        int wins = 0;
        double gains = 0, losses = 0, winSum = 0, lossSum = 0, best = double.NaN, worst = double.NaN, retSum = 0, logTrade = 0, pnlSum = 0, pnlSq = 0;
        long tradeMax = 0, tradeDurSum = 0;
        foreach (var tr in trades)
        {
            if (tr.Pnl > 0) { wins++; gains += tr.Pnl; winSum += tr.ReturnPct; }
            else { losses -= tr.Pnl; lossSum -= tr.ReturnPct; }
            best = double.IsNaN(best) ? tr.ReturnPct : Math.Max(best, tr.ReturnPct);
            worst = double.IsNaN(worst) ? tr.ReturnPct : Math.Min(worst, tr.ReturnPct);
            retSum += tr.ReturnPct;
            logTrade += Math.Log(1 + tr.ReturnPct);
            pnlSum += tr.Pnl;
            pnlSq += tr.Pnl * tr.Pnl;
            tradeMax = Math.Max(tradeMax, tr.DurationMs);
            tradeDurSum += tr.DurationMs;
        }

        var k = trades.Count;
        var pnlMean = k > 0 ? pnlSum / k : 0;
        var pnlSd = k > 1 ? Math.Sqrt(Math.Max(0, (pnlSq - (k * pnlMean * pnlMean)) / (k - 1))) : 0;
        var winRate = k > 0 ? (double)wins / k : double.NaN;
        var avgWin = wins > 0 ? winSum / wins : 0;
        var avgLoss = k - wins > 0 ? lossSum / (k - wins) : 0;
        var cagr = years > 0 ? Math.Pow(eq[n - 1] / eq[0], 1 / years) - 1 : double.NaN;
        return new BacktestStatistics
        {
            Start = start,
            End = end,
            Duration = end - start,
            ExposureTimePct = 100.0 * barsInMarket / n,
            EquityFinal = eq[n - 1],
            EquityPeak = eq.Max(),
            ReturnPct = 100 * ((eq[n - 1] / cash) - 1),
            BuyAndHoldReturnPct = 100 * ((lastClose / firstClose) - 1),
            ReturnAnnualizedPct = 100 * (Math.Pow(1 + geo, barsPerYear) - 1),
            CagrPct = 100 * cagr,
            VolatilityAnnualizedPct = 100 * sd * Math.Sqrt(barsPerYear),
            Sharpe = sd > 0 ? m / sd * Math.Sqrt(barsPerYear) : double.NaN,
            Sortino = downside > 0 ? m / downside * Math.Sqrt(barsPerYear) : double.NaN,
            Calmar = maxDd < 0 ? cagr / -maxDd : double.NaN,
            MaxDrawdownPct = 100 * maxDd,
            AvgDrawdownPct = episodes > 0 ? 100 * ddDepthSum / episodes : 0,
            MaxDrawdownDuration = TimeSpan.FromMilliseconds(maxDur),
            AvgDrawdownDuration = episodes > 0 ? TimeSpan.FromMilliseconds(durSum / episodes) : TimeSpan.Zero,
            Trades = k,
            WinRatePct = 100 * winRate,
            BestTradePct = 100 * best,
            WorstTradePct = 100 * worst,
            AvgTradePct = k > 0 ? 100 * (Math.Exp(logTrade / k) - 1) : double.NaN,
            MaxTradeDuration = TimeSpan.FromMilliseconds(tradeMax),
            AvgTradeDuration = k > 0 ? TimeSpan.FromMilliseconds(tradeDurSum / k) : TimeSpan.Zero,
            ProfitFactor = losses > 0 ? gains / losses : k > 0 ? double.PositiveInfinity : double.NaN,
            ExpectancyPct = k > 0 ? 100 * retSum / k : double.NaN,
            Sqn = pnlSd > 0 ? Math.Sqrt(k) * pnlMean / pnlSd : double.NaN,
            Kelly = k > 0 && avgLoss > 0 && avgWin > 0 ? winRate - ((1 - winRate) / (avgWin / avgLoss)) : double.NaN,
        };
    }
}
