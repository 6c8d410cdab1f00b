using Lyra.Core.Trading;
using Lyra.Strategies.Signals;

namespace Lyra.Api.Strategies;

/// <summary>One row of <c>GET /api/signals</c>.</summary>
/// <param name="Id">Signal id (= the id of the TradeFlow it started).</param>
/// <param name="Strategy">Strategy.</param>
/// <param name="Market">Market key.</param>
/// <param name="CandleTime">Open time of the candle.</param>
/// <param name="Action">Proposed action.</param>
/// <param name="Price">Close of the candle.</param>
/// <param name="Reason">Why, with indicator values.</param>
/// <param name="Strength">How decided the strategy was, 0..1.</param>
public sealed record SignalRow(string Id, string Strategy, string Market, DateTimeOffset CandleTime, TradeAction Action, decimal Price, string Reason, double Strength)
{
    /// <summary>The row of <paramref name="s"/>.</summary>
    public static SignalRow Of(Signal s) => new(s.Id, s.Strategy, s.MarketKey, s.CandleTime, s.Action, s.Price, s.Reason, Math.Round(s.Strength, 4));
}
