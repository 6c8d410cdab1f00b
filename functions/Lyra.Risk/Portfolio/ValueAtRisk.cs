using Lyra.Core.Errors;

namespace Lyra.Risk.Portfolio;

/// <summary>Value at risk and conditional VaR (expected shortfall) of a return series, as positive loss fractions.</summary>
public static class ValueAtRisk
{
    /// <summary>VaR and CVaR at one confidence level.</summary>
    /// <param name="Confidence">For example 0.95.</param>
    /// <param name="VaR">Loss not exceeded with that confidence.</param>
    /// <param name="CVaR">Mean loss beyond the VaR.</param>
    public sealed record Estimate(
        double Confidence,
        [property: System.Text.Json.Serialization.JsonPropertyName("var")] double VaR,
        [property: System.Text.Json.Serialization.JsonPropertyName("cvar")] double CVaR);

    /// <summary>
    /// Historical: VaR = -(the ⌊(1-c)·n⌋-th smallest return, 1-based, at least the first); CVaR = -(mean of the returns up to
    /// and including it).
    /// </summary>
    public static Estimate Historical(ReadOnlySpan<double> returns, double confidence)
    {
        Validate(returns.Length, confidence);
        var sorted = returns.ToArray();
        Array.Sort(sorted);
        var k = Math.Max(1, (int)Math.Floor((1 - confidence) * sorted.Length));
        var sum = 0.0;
        for (var i = 0; i < k; i++) sum += sorted[i];
        return new Estimate(confidence, -sorted[k - 1], -(sum / k));
    }

    /// <summary>Parametric (normal): VaR = -(μ + zσ), CVaR = -(μ - σ·φ(z)/(1-c)), z = Φ⁻¹(1-c); σ is the sample deviation.</summary>
    public static Estimate Parametric(ReadOnlySpan<double> returns, double confidence)
    {
        Validate(returns.Length, confidence);
        double mean = 0;
        foreach (var r in returns) mean += r;
        mean /= returns.Length;
        double ss = 0;
        foreach (var r in returns) ss += (r - mean) * (r - mean);
        var sd = Math.Sqrt(ss / (returns.Length - 1));
        var z = InverseNormal(1 - confidence);
        var pdf = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
        return new Estimate(confidence, -(mean + (z * sd)), -(mean - (sd * pdf / (1 - confidence))));
    }

    /// <summary>
    /// The portfolio's returns from its positions' close-to-close returns: aligned from the newest bar backwards over the
    /// shortest series, each bar's return the weight-summed return of the markets (weight = notional / equity).
    /// </summary>
    public static double[] PortfolioReturns(IReadOnlyList<(double Weight, double[] Returns)> positions)
    {
        if (positions.Count == 0) return [];
        var n = int.MaxValue;
        foreach (var (_, r) in positions) n = Math.Min(n, r.Length);
        var result = new double[n];
        foreach (var (w, r) in positions)
        {
            for (var i = 0; i < n; i++) result[i] += w * r[r.Length - n + i];
        }

        return result;
    }

    /// <summary>Historical and parametric estimates at 95 % and 99 % (keys <c>historical_95</c>, ...); empty below two returns.</summary>
    public static IReadOnlyDictionary<string, Estimate> Report(ReadOnlySpan<double> returns)
    {
        var estimates = new Dictionary<string, Estimate>(StringComparer.Ordinal);
        if (returns.Length < 2) return estimates;
        foreach (var c in (ReadOnlySpan<double>)[0.95, 0.99])
        {
            var level = (int)Math.Round(c * 100);
            estimates[$"historical_{level}"] = Historical(returns, c);
            estimates[$"parametric_{level}"] = Parametric(returns, c);
        }

        return estimates;
    }

    /// <summary>Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.2e-9).</summary>
    public static double InverseNormal(double p)
    {
        if (p is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p));
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q) + c[4]) * q + c[5]) / ((((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q) + 1);
        }

        if (p > 1 - low) return -InverseNormal(1 - p);
        var qq = p - 0.5;
        var r = qq * qq;
        return (((((((((a[0] * r) + a[1]) * r) + a[2]) * r) + a[3]) * r) + a[4]) * r + a[5]) * qq / (((((((((b[0] * r) + b[1]) * r) + b[2]) * r) + b[3]) * r) + b[4]) * r + 1);
    }

    private static void Validate(int n, double confidence)
    {
        if (n < 2) throw new ValidationException("returns", "at least two returns are needed");
        if (confidence is <= 0.5 or >= 1) throw new ValidationException("confidence", "confidence must be in (0.5, 1)");
    }
}
