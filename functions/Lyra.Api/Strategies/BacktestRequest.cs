namespace Lyra.Api.Strategies;

/// <summary>
/// Body of <c>POST /api/strategies/backtest</c>. Data comes either inline (<see cref="Candles"/>, freqtrade rows
/// <c>[ms, open, high, low, close, volume]</c>; <c>candles2</c> is the second venue for <c>arbitrage</c>) or from the candle table (<see cref="Market"/>, newest <see cref="Bars"/>).
/// Fractions as in the CLI: commission 0.002 = 0.2 %. <c>replay_votes</c> (strategy <c>ai-signals</c> on a stored
/// <c>market</c>) decides the bars that had a decision by the votes recorded in their journals: no model is asked again.
/// </summary>
public sealed record BacktestRequest(
    string? Strategy,
    Dictionary<string, double>? Parameters,
    string? Market,
    int? Bars,
    double[][]? Candles,
    double[][]? Candles2,
    double? Cash,
    double? Commission,
    double? Spread,
    double? Slippage,
    double? Size,
    bool? Margin,
    double? StopLoss,
    double? TakeProfit,
    double? TrailingStop,
    bool? ReplayVotes = null);
