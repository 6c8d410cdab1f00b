namespace Lyra.Data.Downloads;

/// <summary>How far a download is: candles in the file so far, of about how many, and the newest candle's time.</summary>
public readonly record struct DownloadProgress(long Candles, long Expected, DateTimeOffset? Through);
