using Lyra.Data.Loading;

namespace Lyra.Data.Tests;

public sealed class ColumnarCacheTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("lyra-cache-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Second_load_comes_from_the_cache_with_identical_columns_and_an_edit_invalidates_it()
    {
        var data = Path.Combine(_dir.FullName, "d.csv");
        await File.WriteAllTextAsync(data, "Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2.5,1,2,11\n");
        var cache = new ColumnarCache(Path.Combine(_dir.FullName, "cache"));

        var (first, hit1) = await cache.LoadAsync(data);
        var (second, hit2) = await cache.LoadAsync(data);
        Assert.False(hit1);
        Assert.True(hit2);
        Assert.Equal(first.Time, second.Time);
        Assert.Equal(first.Close, second.Close);
        Assert.Equal(first.Volume, second.Volume);

        await File.AppendAllTextAsync(data, "2024-01-03,2,3,1.5,2.5,12\n");
        File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddMinutes(1));
        var (third, hit3) = await cache.LoadAsync(data);
        Assert.False(hit3);
        Assert.Equal(3, third.Count);
    }

    [Fact]
    public async Task A_damaged_cache_file_is_ignored_and_rebuilt()
    {
        var data = Path.Combine(_dir.FullName, "d.csv");
        await File.WriteAllTextAsync(data, "Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,1.5,10\n");
        var cache = new ColumnarCache(Path.Combine(_dir.FullName, "cache"));
        await cache.LoadAsync(data);
        await cache.WhenWrittenAsync();
        var entry = cache.EntryPath(data);
        await File.WriteAllBytesAsync(entry, (await File.ReadAllBytesAsync(entry))[..20]);
        Assert.Null(ColumnarCache.TryRead(entry));
        var (series, hit) = await cache.LoadAsync(data);
        Assert.False(hit);
        Assert.Equal(1.5, series.Close[0]);
        await cache.WhenWrittenAsync();
        Assert.NotNull(ColumnarCache.TryRead(entry));
    }

    [Fact]
    public async Task Bad_data_is_not_cached()
    {
        var data = Path.Combine(_dir.FullName, "bad.csv");
        await File.WriteAllTextAsync(data, "Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,9,10\n");
        var cache = new ColumnarCache(Path.Combine(_dir.FullName, "cache"));
        await Assert.ThrowsAsync<DataFormatException>(() => cache.LoadAsync(data));
        Assert.False(File.Exists(cache.EntryPath(data)));
    }
}
