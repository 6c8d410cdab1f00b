namespace Lyra.Strategies.Reports;

/// <summary>
/// TradingView's lightweight-charts (Apache-2.0; the npm package pinned in <c>package.json</c>), embedded at build: inlined
/// into the HTML reports so each stays one file that opens offline, and served by the dashboard.
/// </summary>
public static class ChartLibrary
{
    private static readonly Lazy<byte[]> Library = new(() => Read("charts/lightweight-charts.js"));
    private static readonly Lazy<string> ReportScriptText = new(() => System.Text.Encoding.UTF8.GetString(Read("charts/report.js")));

    /// <summary>The library's standalone build (defines the global <c>LightweightCharts</c>).</summary>
    public static byte[] Bytes => Library.Value;

    /// <summary>The library as script text.</summary>
    public static string Script => System.Text.Encoding.UTF8.GetString(Library.Value);

    /// <summary>The reports' own script: draws the charts from the page's <c>report-data</c> JSON.</summary>
    public static string ReportScript => ReportScriptText.Value;

    private static byte[] Read(string name)
    {
        using var stream = typeof(ChartLibrary).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded: run 'npm ci' in the repository root and build again");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
