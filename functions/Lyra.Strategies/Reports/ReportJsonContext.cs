using System.Text.Json.Serialization;
using Lyra.Strategies.Backtesting;

namespace Lyra.Strategies.Reports;

/// <summary>stats.json: what was run and what came out.</summary>
/// <param name="Strategy">Strategy name.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Options">Backtest options.</param>
/// <param name="Statistics">Every statistic.</param>
/// <param name="Table">The statistics as the table shows them.</param>
public sealed record StatsDocument(string Strategy, IReadOnlyDictionary<string, double> Parameters, BacktestOptions Options, BacktestStatistics Statistics,
    IReadOnlyDictionary<string, string> Table);

/// <summary>
/// Source-generated serialization of the reports' JSON: no reflection at run time, so a first report is written as fast as
/// the next. NaN and infinity are real answers here (no trades, no losses) and are written as JSON strings.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, Converters = [typeof(SnakeCaseEnum<SizingMode>), typeof(SnakeCaseEnum<EntryOrderType>)])]
[JsonSerializable(typeof(StatsDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

/// <summary>Enums as snake_case strings (<c>fraction_of_equity</c>), as the rest of the JSON is named.</summary>
internal sealed class SnakeCaseEnum<T>() : JsonStringEnumConverter<T>(System.Text.Json.JsonNamingPolicy.SnakeCaseLower) where T : struct, Enum;
