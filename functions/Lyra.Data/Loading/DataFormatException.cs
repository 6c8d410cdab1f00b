using Lyra.Core.Errors;

namespace Lyra.Data.Loading;

/// <summary>A market-data file is malformed; names the file, the line (or JSON row) and the reason.</summary>
public sealed class DataFormatException(string file, int line, string reason, string unit = "line")
    : LyraException($"{file}: {unit} {line}: {reason}")
{
    /// <summary>The file being read.</summary>
    public string File { get; } = file;
    /// <summary>1-based line of a text file, or 1-based row of a JSON candle array.</summary>
    public int Line { get; } = line;
    /// <summary>What is wrong.</summary>
    public string Reason { get; } = reason;

    /// <inheritdoc />
    public override string ErrorCode => ErrorCodes.ValidationFailed;
}
