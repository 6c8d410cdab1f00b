using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>The <c>price</c> event a monitor receives when a candle of its market closed.</summary>
/// <param name="CandleTime">Open time of the newest closed candle.</param>
public sealed record PriceTick(DateTimeOffset CandleTime);
