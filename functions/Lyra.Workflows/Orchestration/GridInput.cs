namespace Lyra.Workflows.Orchestration;

/// <summary>Where one level of a grid is in its cycle.</summary>
public enum GridPhase
{
    /// <summary>A buy limit rests at the level's buy price.</summary>
    Buying = 0,
    /// <summary>What the buy filled is offered at the level's sell price.</summary>
    Selling = 1,
    /// <summary>The level trades no more (the risk gate refused its buy, the venue refused an order, or the grid stopped).</summary>
    Stopped = 2,
}

/// <summary>One level of a grid.</summary>
/// <param name="Index">1 = nearest below the center.</param>
/// <param name="BuyPrice">Its buy limit.</param>
/// <param name="SellPrice">Its sell limit (one spacing up).</param>
/// <param name="Phase">Where it is.</param>
/// <param name="Round">Completed buy-sell cycles.</param>
/// <param name="ClientOrderId">The resting order's client id (null when none).</param>
/// <param name="Held">What the level's last buy filled (what its sell offers).</param>
/// <param name="Cost">What that buy cost in quote, fee included.</param>
/// <param name="Note">Why it stopped, when it did.</param>
public sealed record GridLevel(int Index, decimal BuyPrice, decimal SellPrice, GridPhase Phase, int Round, string? ClientOrderId, decimal Held = 0, decimal Cost = 0,
    string? Note = null);

/// <summary>Input of the Grid orchestration (and its state across continue-as-new).</summary>
/// <param name="GridId">Instance id (<c>grid-…</c>); also the journal's id.</param>
/// <param name="MarketKey">Market traded.</param>
/// <param name="LevelCount">Buy levels below the center.</param>
/// <param name="SpacingPercent">Distance between levels, % of the center.</param>
/// <param name="QuantityPerLevel">Base quantity each level buys (the risk gate may size it down).</param>
/// <param name="Center">Price the levels hang from.</param>
/// <param name="By">Who started it.</param>
/// <param name="PollSeconds">How often resting orders are looked at.</param>
/// <param name="StartedAt">When the grid started (orders sort by it).</param>
/// <param name="Levels">The levels (null before the first execution places them).</param>
/// <param name="RealizedPnl">Profit of completed cycles, fees included.</param>
/// <param name="Steps">The journal's newest steps, carried across executions.</param>
public sealed record GridInput(string GridId, string MarketKey, int LevelCount, decimal SpacingPercent, decimal QuantityPerLevel, decimal Center, string By,
    int PollSeconds, DateTimeOffset StartedAt, IReadOnlyList<GridLevel>? Levels = null, decimal RealizedPnl = 0, IReadOnlyList<JournalStep>? Steps = null);

/// <summary>How a grid ended.</summary>
/// <param name="GridId">Instance id.</param>
/// <param name="Cycles">Completed buy-sell cycles over all levels.</param>
/// <param name="RealizedPnl">Their profit, fees included.</param>
/// <param name="Reason">Why it ended.</param>
public sealed record GridResult(string GridId, int Cycles, decimal RealizedPnl, string Reason);
