namespace Lyra.Workflows.Orchestration;

/// <summary>Names of the orchestrations and activities; both hosts register exactly these.</summary>
public static class TaskNames
{
    /// <summary>The trade decision orchestration.</summary>
    public const string TradeFlow = "TradeFlow";
    /// <summary>Reads candles, portfolio and settings; opens the journal.</summary>
    public const string GatherContext = "GatherContext";
    /// <summary>Asks one voter.</summary>
    public const string AskVoter = "AskVoter";
    /// <summary>Runs the risk gate.</summary>
    public const string EvaluateRisk = "EvaluateRisk";
    /// <summary>Places (or reconciles) the order.</summary>
    public const string PlaceOrder = "PlaceOrder";
    /// <summary>Applies the fill to the portfolio.</summary>
    public const string RecordFill = "RecordFill";
    /// <summary>Writes the journal.</summary>
    public const string RecordDecision = "RecordDecision";
    /// <summary>The monitor of one open position: keeps its stops up to date and closes it when one is hit.</summary>
    public const string PositionMonitor = "PositionMonitor";
    /// <summary>One cross-exchange arbitrage decision.</summary>
    public const string Arbitrage = "Arbitrage";
    /// <summary>Quotes both legs of an arbitrage.</summary>
    public const string QuoteLegs = "QuoteLegs";
    /// <summary>A grid on one market (eternal until stopped).</summary>
    public const string Grid = "Grid";
    /// <summary>Checks the new candles against a position's stops.</summary>
    public const string CheckStops = "CheckStops";
    /// <summary>Looks at a resting order.</summary>
    public const string TrackOrder = "TrackOrder";
    /// <summary>Cancels a resting order.</summary>
    public const string CancelOrder = "CancelOrder";

    /// <summary>All orchestration names.</summary>
    public static IReadOnlyList<string> Orchestrations { get; } = [TradeFlow, PositionMonitor, Grid, Arbitrage];

    /// <summary>All activity names.</summary>
    public static IReadOnlyList<string> Activities { get; } = [GatherContext, AskVoter, EvaluateRisk, PlaceOrder, TrackOrder, CancelOrder, RecordFill, RecordDecision, CheckStops, QuoteLegs];
}
