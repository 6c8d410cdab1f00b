using System.Globalization;
using Lyra.Core.Errors;
using Lyra.Data.Markets;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Http;

/// <summary>Validated access to query-string parameters; unknown or malformed parameters are 400s naming them.</summary>
internal sealed class ApiQuery
{
    private readonly IQueryCollection _query;

    public ApiQuery(IQueryCollection query, params string[] allowed)
    {
        _query = query;
        foreach (var key in query.Keys)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new ValidationException(key, allowed.Length == 0
                    ? $"unknown query parameter '{key}'; this endpoint takes none"
                    : $"unknown query parameter '{key}'; allowed: {string.Join(", ", allowed)}");
            }
        }
    }

    public int Limit(int defaultValue = 100, int max = 1000)
    {
        var raw = _query["limit"].ToString();
        if (raw.Length == 0) return defaultValue;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1 || v > max)
        {
            throw new ValidationException("limit", $"limit '{raw}' must be a whole number from 1 to {max}");
        }

        return v;
    }

    public bool Bool(string name)
    {
        var raw = _query[name].ToString();
        return raw switch
        {
            "" or "false" => false,
            "true" => true,
            _ => throw new ValidationException(name, $"{name} '{raw}' must be true or false"),
        };
    }

    public int Int(string name, int defaultValue, int min, int max)
    {
        var raw = _query[name].ToString();
        if (raw.Length == 0) return defaultValue;
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw new ValidationException(name, $"{name} '{raw}' must be {min}..{max}");
        }

        return v;
    }

    public string? Text(string name)
    {
        var raw = _query[name].ToString();
        return raw.Length == 0 ? null : raw;
    }

    public string? MarketKey()
    {
        var raw = _query["market"].ToString();
        return raw.Length == 0 ? null : Market.Parse(raw, "market").Key;
    }

    public TEnum? Enum<TEnum>(string name) where TEnum : struct, Enum
    {
        var raw = _query[name].ToString();
        if (raw.Length == 0) return null;
        // As the API writes them (awaiting_approval) or as the enum names them (AwaitingApproval).
        if (System.Enum.TryParse<TEnum>(raw.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var v) && !int.TryParse(raw, out _)) return v;
        var names = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        throw new ValidationException(name, $"{name} '{raw}' is not one of {names}");
    }

    /// <summary>An ISO 8601 time (<c>2026-12-04T10:00:00Z</c>), or null when absent.</summary>
    public DateTimeOffset? Time(string name)
    {
        var raw = _query[name].ToString();
        if (raw.Length == 0) return null;
        return DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : throw new ValidationException(name, $"{name} '{raw}' is not a time (ISO 8601, e.g. 2026-12-04T10:00:00Z)");
    }
}
