using Lyra.Data.Loading;

namespace Lyra.Data.Downloads;

/// <summary>What a download did: candles found in the file before (a resumed download), candles added, and the checked file.</summary>
/// <param name="Path">The file written.</param>
/// <param name="Resumed">Candles that were already in the file.</param>
/// <param name="Added">Candles written by this run.</param>
/// <param name="Requests">Candle requests made by this run.</param>
/// <param name="Quality">The whole file read back and checked (rows, gaps).</param>
/// <param name="First">The file's first candle.</param>
/// <param name="Last">The file's last candle.</param>
public sealed record DownloadResult(string Path, int Resumed, int Added, int Requests, DataQualityReport Quality, DateTimeOffset? First, DateTimeOffset? Last);
