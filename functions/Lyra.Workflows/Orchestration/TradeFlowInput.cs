using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of TradeFlow: the signal that started it.</summary>
/// <param name="SignalId">Signal id (also the instance id).</param>
/// <param name="Strategy">Strategy name.</param>
/// <param name="MarketKey">Market key.</param>
/// <param name="CandleTime">Open time of the candle the signal was made on.</param>
/// <param name="Action">Proposed action.</param>
/// <param name="Price">Close of that candle.</param>
/// <param name="Reason">The strategy's reason.</param>
/// <param name="Manual">A person's order (no vote: the person decides; the risk gate still does): its size and limit.</param>
public sealed record TradeFlowInput(string SignalId, string Strategy, string MarketKey, DateTimeOffset CandleTime, TradeAction Action, decimal Price, string Reason,
    ManualOrder? Manual = null)
{
    /// <summary>Builds the input from a signal.</summary>
    public static TradeFlowInput From(Signal s) => new(s.Id, s.Strategy, s.MarketKey, s.CandleTime, s.Action, s.Price, s.Reason);
}
