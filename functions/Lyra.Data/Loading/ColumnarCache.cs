using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Lyra.Data.Candles;
using Lyra.Data.Memory;

namespace Lyra.Data.Loading;

/// <summary>
/// A binary columnar copy of a parsed data file: a header, then the time column and the five price/volume columns as raw
/// little-endian arrays, so a re-run reads them at disk speed instead of parsing text. Entries are keyed by the source's
/// full path, size and modification time, so an edited file is parsed again. Lives in the user's cache folder
/// (<c>$XDG_CACHE_HOME/lyra</c> or <c>~/.cache/lyra</c>), never beside the data, which may be read-only.
/// </summary>
public sealed class ColumnarCache(string directory)
{
    private static readonly byte[] Magic = "LYRACOL1"u8.ToArray();

    /// <summary>The default cache folder.</summary>
    public static ColumnarCache Default { get; } = new(DefaultDirectory());

    /// <summary>The folder holding the cache files.</summary>
    public string Directory { get; } = directory;

    private readonly Lock _lock = new();
    private Task _writing = Task.CompletedTask;

    /// <summary>Completes when every cache file started by <see cref="LoadAsync(string, RepairPolicy, Action{DataQualityReport}?, CancellationToken)"/> is written.</summary>
    public Task WhenWrittenAsync()
    {
        lock (_lock) return _writing;
    }

    /// <summary>Loads <paramref name="path"/> from the cache, or parses it with <see cref="CandleFileLoader"/> and caches it.</summary>
    /// <returns>The series and whether it came from the cache.</returns>
    public async Task<(CandleSeries Series, bool FromCache)> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        await LoadAsync(path, RepairPolicy.None, null, cancellationToken);

    /// <summary>As <see cref="LoadAsync(string, CancellationToken)"/>, with a repair policy; the quality report is passed to <paramref name="report"/> when the file is parsed.</summary>
    public async Task<(CandleSeries Series, bool FromCache)> LoadAsync(string path, RepairPolicy repair, Action<DataQualityReport>? report, CancellationToken cancellationToken = default)
    {
        await WhenWrittenAsync();
        var entry = EntryPath(path, repair);
        if (File.Exists(entry))
        {
            var cached = TryRead(entry);
            if (cached is not null) return (cached, true);
        }

        // A clean CSV goes straight into columns; anything else (other formats, repairs, a row to explain) takes the loader.
        CandleSeries series;
        if (repair == RepairPolicy.None && FastCsvReader.TryRead(path) is { } fast)
        {
            report?.Invoke(fast.Report);
            series = fast.Series;
        }
        else
        {
            var (candles, quality) = await CandleFileLoader.LoadAsync(path, repair, cancellationToken);
            report?.Invoke(quality);
            series = CandleSeries.From(candles);
        }

        // Written on another core while the caller works with the series (the columns are not changed after this).
        lock (_lock) _writing = Task.WhenAll(_writing, Task.Run(() => TryWrite(series, entry), CancellationToken.None));
        return (series, false);
    }

    private void TryWrite(CandleSeries series, string entry)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            Write(series, entry);
        }
        catch (IOException)
        {
            // A cache that cannot be written is only slower, never wrong.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Writes a series to <paramref name="file"/> (atomically: a temp file renamed into place).</summary>
    public static void Write(CandleSeries s, string file)
    {
        var tmp = file + "." + Environment.ProcessId + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            f.Write(Magic);
            f.Write(BitConverter.GetBytes(s.Count));
            f.Write(MemoryMarshal.AsBytes(s.Time.AsSpan()));
            foreach (var col in new[] { s.Open, s.High, s.Low, s.Close, s.Volume }) f.Write(MemoryMarshal.AsBytes(col.AsSpan()));
        }

        File.Move(tmp, file, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="Write"/>; null when it is truncated or not a cache file.</summary>
    public static CandleSeries? TryRead(string file)
    {
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> header = stackalloc byte[12];
        if (RandomAccess.Read(handle, header, 0) != 12 || !header[..8].SequenceEqual(Magic)) return null;
        var n = BitConverter.ToInt32(header[8..]);
        if (n < 0 || RandomAccess.GetLength(handle) != 12 + (48L * n)) return null;
        // Every element is read into before use, so the columns need no zeroing. The six columns are read on all cores:
        // much of the time goes to the first touch of fresh memory (huge pages, see ColumnArrays), which proceeds in parallel.
        var s = new CandleSeries(ColumnArrays.Uninitialized<long>(n), ColumnArrays.Uninitialized<double>(n), ColumnArrays.Uninitialized<double>(n),
            ColumnArrays.Uninitialized<double>(n), ColumnArrays.Uninitialized<double>(n), ColumnArrays.Uninitialized<double>(n));
        var complete = true;
        Parallel.For(0, 6, col =>
        {
            var bytes = col == 0 ? MemoryMarshal.AsBytes(s.Time.AsSpan()) : MemoryMarshal.AsBytes(Column(s, col).AsSpan());
            var offset = 12 + (8L * n * col);
            while (!bytes.IsEmpty)
            {
                var read = RandomAccess.Read(handle, bytes, offset);
                if (read <= 0)
                {
                    complete = false;
                    return;
                }

                bytes = bytes[read..];
                offset += read;
            }
        });
        return complete ? s : null;
    }

    private static double[] Column(CandleSeries s, int col) => col switch { 1 => s.Open, 2 => s.High, 3 => s.Low, 4 => s.Close, _ => s.Volume };

    /// <summary>The cache file of <paramref name="path"/> in its current version.</summary>
    public string EntryPath(string path, RepairPolicy repair = RepairPolicy.None)
    {
        var info = new FileInfo(path);
        var key = $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{(int)repair}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
        return Path.Combine(Directory, $"{Path.GetFileNameWithoutExtension(path)}-{hash}.lyracol");
    }

    private static string DefaultDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "lyra");
    }
}
