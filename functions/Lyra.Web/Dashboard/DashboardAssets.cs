using System.Collections.Frozen;
using System.Security.Cryptography;
using Lyra.Strategies.Reports;

namespace Lyra.Web.Dashboard;

/// <summary>One embedded file of the dashboard.</summary>
/// <param name="Content">Its bytes.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="ETag">A strong validator (hash of the bytes).</param>
public sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);

/// <summary>The dashboard's files, embedded at build (<c>wwwroot/</c> here, the chart library in Lyra.Strategies) and read once.</summary>
public static class DashboardAssets
{
    private static readonly Lazy<FrozenDictionary<string, DashboardAsset>> All = new(Load);

    /// <summary>The names of every asset (<c>index.html</c>, <c>app.js</c>, <c>vendor/lightweight-charts.js</c> …).</summary>
    public static IEnumerable<string> Names => All.Value.Keys;

    /// <summary>The asset named <paramref name="name"/> (relative to <c>/dashboard/</c>), or null.</summary>
    public static DashboardAsset? Find(string name) => All.Value.GetValueOrDefault(name);

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var map = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("dashboard/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var name = resource["dashboard/".Length..].Replace('\\', '/');
            map[name] = Asset(name, bytes);
        }

        map["vendor/lightweight-charts.js"] = Asset("vendor/lightweight-charts.js", ChartLibrary.Bytes);

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static DashboardAsset Asset(string name, byte[] bytes) =>
        new(bytes, TypeOf(name), "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
