using Lyra.Core.Trading;
using Lyra.Risk.Gate;
using Lyra.Workflows.Orchestration;

namespace Lyra.Api.Decisions;

/// <summary>One row of <c>GET /api/decisions</c>.</summary>
/// <param name="Id">Decision id.</param>
/// <param name="Market">Market key.</param>
/// <param name="CandleTime">Open time of the candle decided on.</param>
/// <param name="Action">The signal's proposal.</param>
/// <param name="Status">How it stands or ended.</param>
/// <param name="Reasons">Why it was rejected or failed.</param>
/// <param name="Consensus">The panel's action.</param>
/// <param name="Agreement">The winning share of the weighted vote.</param>
/// <param name="Risk">The risk gate's verdict.</param>
/// <param name="Quantity">Filled quantity.</param>
/// <param name="Price">Average fill price.</param>
/// <param name="Strategy">The strategy whose signal started it.</param>
/// <param name="StartedAt">When the flow started.</param>
public sealed record DecisionSummary(string Id, string Market, DateTimeOffset CandleTime, TradeAction Action, DecisionStatus Status, IReadOnlyList<string> Reasons,
    TradeAction? Consensus, double? Agreement, RiskVerdict? Risk, decimal? Quantity, decimal? Price, string Strategy, DateTimeOffset StartedAt)
{
    /// <summary>The summary of a journal.</summary>
    public static DecisionSummary Of(DecisionJournal d) =>
        new(d.Id, d.Signal.MarketKey, d.Signal.CandleTime, d.Signal.Action, d.Status, d.Reasons, d.Consensus?.Action, d.Consensus?.Agreement,
            d.Risk?.Verdict, d.Order?.FilledQuantity, d.Order?.AveragePrice, d.Signal.Strategy, d.StartedAt);
}
