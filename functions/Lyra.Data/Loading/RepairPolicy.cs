using Lyra.Core.Errors;

namespace Lyra.Data.Loading;

/// <summary>What the loader may fix instead of stopping. Nothing by default.</summary>
[Flags]
public enum RepairPolicy
{
    /// <summary>Stop at the first bad row.</summary>
    None = 0,
    /// <summary>Sort rows by time and keep the last of duplicated timestamps.</summary>
    Sort = 1,
    /// <summary>Drop rows with inconsistent OHLC or non-positive prices.</summary>
    DropInvalid = 2,
    /// <summary>Insert flat candles (previous close, zero volume) for missing intervals.</summary>
    FillGaps = 4,
}

/// <summary>Parsing of <c>--repair sort,drop-invalid,fill-gaps</c>.</summary>
public static class RepairPolicies
{
    /// <summary>Parses a comma-separated list (<c>none</c>, <c>sort</c>, <c>drop-invalid</c>, <c>fill-gaps</c>, <c>all</c>).</summary>
    public static RepairPolicy Parse(string? text, string field = "--repair")
    {
        var policy = RepairPolicy.None;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            policy |= part switch
            {
                "none" => RepairPolicy.None,
                "sort" => RepairPolicy.Sort,
                "drop-invalid" => RepairPolicy.DropInvalid,
                "fill-gaps" => RepairPolicy.FillGaps,
                "all" => RepairPolicy.Sort | RepairPolicy.DropInvalid | RepairPolicy.FillGaps,
                _ => throw new ValidationException(field, $"'{part}' is not a repair; use none, sort, drop-invalid, fill-gaps or all"),
            };
        }

        return policy;
    }
}

/// <summary>What the loader found and changed.</summary>
/// <param name="Rows">Rows read.</param>
/// <param name="Sorted">Whether rows had to be reordered.</param>
/// <param name="DuplicatesDropped">Rows dropped for a repeated timestamp.</param>
/// <param name="InvalidDropped">Rows dropped as invalid (first reasons in <paramref name="Examples"/>).</param>
/// <param name="Gaps">Missing intervals found (a step over 1.5 × the smallest step).</param>
/// <param name="GapBarsFilled">Flat candles inserted.</param>
/// <param name="LargestGap">Largest step between rows.</param>
/// <param name="Examples">Up to five "line N: reason" notes.</param>
public sealed record DataQualityReport(int Rows, bool Sorted, int DuplicatesDropped, int InvalidDropped, int Gaps, int GapBarsFilled, TimeSpan LargestGap, IReadOnlyList<string> Examples)
{
    /// <summary>A one-line summary, or null when there is nothing to say.</summary>
    public string? Summary()
    {
        var parts = new List<string>();
        if (Sorted) parts.Add("rows sorted by time");
        if (DuplicatesDropped > 0) parts.Add($"{DuplicatesDropped} duplicate timestamp(s) dropped");
        if (InvalidDropped > 0) parts.Add($"{InvalidDropped} invalid row(s) dropped");
        if (GapBarsFilled > 0) parts.Add($"{GapBarsFilled} missing bar(s) filled flat");
        else if (Gaps > 0) parts.Add($"{Gaps} gap(s), largest {LargestGap} (--repair fill-gaps fills them)");
        if (parts.Count == 0) return null;
        return string.Join("; ", parts) + (Examples.Count > 0 ? " [" + string.Join("; ", Examples) + "]" : "");
    }
}
