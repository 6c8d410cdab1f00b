namespace Lyra.Risk.Portfolio;

/// <summary>Where the money is: per asset, per exchange, gross (Σ|notional|) and net (Σ notional), also as % of equity.</summary>
/// <param name="ByAsset">Notional per base asset (symbol).</param>
/// <param name="ByExchange">Notional per exchange.</param>
/// <param name="Gross">Σ |notional|.</param>
/// <param name="Net">Σ notional (shorts negative).</param>
/// <param name="GrossPercent">Gross / equity × 100.</param>
/// <param name="NetPercent">Net / equity × 100.</param>
public sealed record Exposure(IReadOnlyDictionary<string, decimal> ByAsset, IReadOnlyDictionary<string, decimal> ByExchange, decimal Gross, decimal Net, decimal GrossPercent, decimal NetPercent)
{
    /// <summary>Computes the exposure of a portfolio (market keys are <c>exchange:SYMBOL:tf</c>).</summary>
    public static Exposure Of(PortfolioSnapshot p)
    {
        var byAsset = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var byExchange = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        decimal gross = 0, net = 0;
        foreach (var pos in p.Positions)
        {
            var parts = pos.MarketKey.Split(':');
            var n = pos.Notional;
            byAsset[parts[1]] = byAsset.GetValueOrDefault(parts[1]) + n;
            byExchange[parts[0]] = byExchange.GetValueOrDefault(parts[0]) + n;
            gross += Math.Abs(n);
            net += n;
        }

        var equity = p.Equity;
        return new Exposure(byAsset, byExchange, gross, net, equity > 0 ? Math.Round(gross / equity * 100, 4) : 0, equity > 0 ? Math.Round(net / equity * 100, 4) : 0);
    }
}
