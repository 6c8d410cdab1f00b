using System.Globalization;
using Lyra.Core.Errors;
using Lyra.Data.Candles;

namespace Lyra.Strategies.Indicators;

/// <summary>
/// Indicator specs such as <c>rsi:14</c>, <c>macd:12,26,9</c> or <c>bbands:20,2</c>, computed over a whole series
/// into named columns (NaN during warm-up). Used by <c>lyra indicators</c> for inspection and feature export.
/// </summary>
public static class IndicatorCatalog
{
    /// <summary>Known indicators with their default arguments.</summary>
    public static IReadOnlyDictionary<string, double[]> Defaults { get; } = new Dictionary<string, double[]>(StringComparer.Ordinal)
    {
        ["sma"] = [20], ["ema"] = [20], ["wma"] = [20], ["rsi"] = [14], ["macd"] = [12, 26, 9], ["bbands"] = [20, 2], ["atr"] = [14],
        ["stoch"] = [14, 3, 3], ["adx"] = [14], ["obv"] = [], ["vwap"] = [], ["donchian"] = [20], ["stddev"] = [20], ["zscore"] = [20],
    };

    /// <summary>Computes <paramref name="spec"/>; returns its column names and values.</summary>
    /// <exception cref="ValidationException">Unknown indicator or bad arguments, naming the spec.</exception>
    public static (string[] Names, double[][] Columns) Compute(string spec, CandleSeries s, string field = "indicator")
    {
        var (name, args) = Parse(spec, field);
        var n = s.Count;
        double[] Col() => new double[n];
        int P(int i) => (int)args[i];
        string Label(string suffix = "") => name + (args.Length > 0 ? "_" + string.Join('_', args.Select(a => a.ToString(CultureInfo.InvariantCulture))) : "") + suffix;
        switch (name)
        {
            case "sma": { var x = new SimpleMovingAverage(P(0)); var c = Col(); for (var i = 0; i < n; i++) c[i] = x.Update(s.Close[i]); return ([Label()], [c]); }
            case "ema": { var x = new ExponentialMovingAverage(P(0)); var c = Col(); for (var i = 0; i < n; i++) c[i] = x.Update(s.Close[i]); return ([Label()], [c]); }
            case "wma": { var x = new WeightedMovingAverage(P(0)); var c = Col(); for (var i = 0; i < n; i++) c[i] = x.Update(s.Close[i]); return ([Label()], [c]); }
            case "rsi": { var x = new RelativeStrengthIndex(P(0)); var c = Col(); for (var i = 0; i < n; i++) c[i] = x.Update(s.Close[i]); return ([Label()], [c]); }
            case "atr": { var x = new AverageTrueRange(P(0)); var c = Col(); for (var i = 0; i < n; i++) c[i] = x.Update(s.High[i], s.Low[i], s.Close[i]); return ([Label()], [c]); }
            case "obv": { var x = new OnBalanceVolume(); var c = Col(); for (var i = 0; i < n; i++) c[i] = x.Update(s.Close[i], s.Volume[i]); return ([Label()], [c]); }
            case "vwap": { var x = new VolumeWeightedAveragePrice(); var c = Col(); for (var i = 0; i < n; i++) c[i] = x.Update(s.Time[i], s.High[i], s.Low[i], s.Close[i], s.Volume[i]); return ([Label()], [c]); }
            case "macd":
            {
                var x = new MovingAverageConvergenceDivergence(P(0), P(1), P(2));
                var (a, b, h) = (Col(), Col(), Col());
                for (var i = 0; i < n; i++) { x.Update(s.Close[i]); a[i] = x.Macd; b[i] = x.Signal; h[i] = x.Histogram; }
                return ([Label(), Label("_signal"), Label("_hist")], [a, b, h]);
            }
            case "bbands":
            {
                var x = new BollingerBands(P(0), args[1]);
                var (l, m, u) = (Col(), Col(), Col());
                for (var i = 0; i < n; i++) { x.Update(s.Close[i]); l[i] = x.Lower; m[i] = x.Middle; u[i] = x.Upper; }
                return ([Label("_lower"), Label("_middle"), Label("_upper")], [l, m, u]);
            }
            case "stoch":
            {
                var x = new Stochastic(P(0), P(1), P(2));
                var (k, d) = (Col(), Col());
                for (var i = 0; i < n; i++) { x.Update(s.High[i], s.Low[i], s.Close[i]); k[i] = x.K; d[i] = x.D; }
                return ([Label("_k"), Label("_d")], [k, d]);
            }
            case "adx":
            {
                var x = new DirectionalMovement(P(0));
                var (a, p, m) = (Col(), Col(), Col());
                for (var i = 0; i < n; i++) { x.Update(s.High[i], s.Low[i], s.Close[i]); a[i] = x.Adx; p[i] = x.PlusDi; m[i] = x.MinusDi; }
                return ([Label(), Label("_plus_di"), Label("_minus_di")], [a, p, m]);
            }
            case "donchian":
            {
                var x = new DonchianChannel(P(0));
                var (l, m, u) = (Col(), Col(), Col());
                for (var i = 0; i < n; i++) { x.Update(s.High[i], s.Low[i]); l[i] = x.Lower; m[i] = x.Middle; u[i] = x.Upper; }
                return ([Label("_lower"), Label("_middle"), Label("_upper")], [l, m, u]);
            }
            default: // stddev, zscore
            {
                var x = new RollingStatistics(P(0));
                var c = Col();
                for (var i = 0; i < n; i++) { x.Update(s.Close[i]); c[i] = name == "stddev" ? x.StdDev : x.ZScore; }
                return ([Label()], [c]);
            }
        }
    }

    private static (string Name, double[] Args) Parse(string spec, string field)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        if (!Defaults.TryGetValue(name, out var defaults))
        {
            throw new ValidationException(field, $"unknown indicator '{name}' in '{spec}'; known: {string.Join(", ", Defaults.Keys)}");
        }

        if (colon < 0) return (name, defaults);
        var parts = spec[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != defaults.Length) throw new ValidationException(field, $"'{spec}': {name} takes {defaults.Length} argument(s), got {parts.Length}");
        var args = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out args[i]) || args[i] <= 0 || args[i] > 100_000)
            {
                throw new ValidationException(field, $"'{spec}': argument '{parts[i]}' must be a positive number");
            }

            // Periods are whole bars; only Bollinger's width may be fractional.
            if (!(name == "bbands" && i == 1) && args[i] != Math.Floor(args[i])) throw new ValidationException(field, $"'{spec}': period '{parts[i]}' must be a whole number");
        }

        if (name == "macd" && args[0] >= args[1]) throw new ValidationException(field, $"'{spec}': the fast period must be below the slow one");
        if (name == "rsi" && args[0] < 2) throw new ValidationException(field, $"'{spec}': the RSI period must be at least 2");
        if (name == "adx" && args[0] < 2) throw new ValidationException(field, $"'{spec}': the ADX period must be at least 2");
        return (name, args);
    }
}
