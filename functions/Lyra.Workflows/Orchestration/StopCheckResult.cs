using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>What CheckStops found.</summary>
/// <param name="Status"><c>hold</c> (stops updated), <c>exit</c> (close now), <c>closed</c> (the position is gone: stop monitoring).</param>
/// <param name="Rule">The rule that fired on exit.</param>
/// <param name="Quantity">Quantity to sell on exit.</param>
/// <param name="Price">Close of the candle that fired.</param>
/// <param name="CandleTime">Open time of that candle (exit), or of the newest checked one.</param>
/// <param name="Detail">What happened.</param>
/// <param name="Levels">The stop levels after the check.</param>
public sealed record StopCheckResult(string Status, string? Rule, decimal Quantity, decimal Price, DateTimeOffset? CandleTime, string Detail, Risk.Stops.StopLevels? Levels);
