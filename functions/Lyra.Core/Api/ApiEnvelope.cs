using System.Text.Json.Serialization;

namespace Lyra.Core.Api;

/// <summary>The success envelope every Lyra HTTP response uses.</summary>
/// <typeparam name="T">Type of the payload.</typeparam>
/// <param name="Status">Always <c>"success"</c>.</param>
/// <param name="Data">The payload.</param>
/// <param name="Message">Optional human-readable message.</param>
/// <param name="Timestamp">When the response was produced (UTC).</param>
/// <param name="Module">The module that answered.</param>
/// <param name="Version">The Lyra version that answered.</param>
public sealed record ApiEnvelope<T>(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] T? Data,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("module")] string Module,
    [property: JsonPropertyName("version")] string Version);

/// <summary>The error envelope every failing Lyra HTTP response uses.</summary>
/// <param name="Status">Always <c>"error"</c>.</param>
/// <param name="ErrorCode">Machine-readable code from <see cref="Errors.ErrorCodes"/>.</param>
/// <param name="ErrorMessage">What went wrong, naming the field or resource.</param>
/// <param name="Details">Optional structured details (for example the offending field).</param>
/// <param name="Timestamp">When the response was produced (UTC).</param>
/// <param name="Module">The module that answered.</param>
public sealed record ApiErrorEnvelope(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("error_message")] string ErrorMessage,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, string>? Details,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("module")] string Module);
