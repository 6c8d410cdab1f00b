using System.Globalization;

namespace Lyra.Storage.Tables;

/// <summary>Row-key encodings that sort lexically in time order.</summary>
public static class TableKeys
{
    /// <summary>Zero-padded epoch milliseconds: ascending RowKey order is ascending time order.</summary>
    public static string Ascending(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString("D15", CultureInfo.InvariantCulture);

    /// <summary>Inverted epoch milliseconds: ascending RowKey order is newest first.</summary>
    public static string Descending(DateTimeOffset time) => (999_999_999_999_999L - time.ToUnixTimeMilliseconds()).ToString("D15", CultureInfo.InvariantCulture);

    /// <summary>Reads back <see cref="Ascending"/>.</summary>
    public static DateTimeOffset FromAscending(string rowKey) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(rowKey, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>Decimal as invariant text (Tables have no decimal type; text keeps every digit).</summary>
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads back <see cref="Text"/>.</summary>
    public static decimal ParseText(string? value) => value is null ? 0m : decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// A name made safe for a PartitionKey or RowKey, which may not hold '/', '\', '#', '?' or control characters
    /// (model ids such as <c>openai/gpt-4o</c> do): those become '|'.
    /// </summary>
    public static string Escape(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '/' or '\\' or '#' or '?' || char.IsControl(chars[i])) chars[i] = '|';
        }

        return new string(chars);
    }
}
