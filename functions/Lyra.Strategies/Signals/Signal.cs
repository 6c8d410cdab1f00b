using Lyra.Core.Ids;
using Lyra.Core.Trading;

namespace Lyra.Strategies.Signals;

/// <summary>An actionable (or not) output of a strategy on one market at one closed candle.</summary>
/// <param name="Strategy">Strategy name.</param>
/// <param name="MarketKey">Market key (<c>exchange:SYMBOL:tf</c>).</param>
/// <param name="CandleTime">Open time of the candle the decision was made on.</param>
/// <param name="Action">Proposed action.</param>
/// <param name="Price">Close of that candle.</param>
/// <param name="Reason">Why, with indicator values.</param>
/// <param name="Strength">How decided the strategy was, 0 (barely) to 1 (as clear as it gets); see <see cref="Strategies.ISignalStrategy.Strength"/>.</param>
public sealed record Signal(string Strategy, string MarketKey, DateTimeOffset CandleTime, TradeAction Action, decimal Price, string Reason, double Strength = 1)
{
    /// <summary>The id of this signal and of the TradeFlow it starts: the same (strategy, market, candle) always gives the same id.</summary>
    public string Id => DeterministicId.From("tf-", 24, Strategy, MarketKey, CandleTime.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
}
