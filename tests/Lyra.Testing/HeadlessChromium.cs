using System.Diagnostics;

namespace Lyra.Testing;

/// <summary>Debian's Chromium, driven headless for page tests (no network: background services off).</summary>
public static class HeadlessChromium
{
    /// <summary>The browser binary, or null when it is not installed.</summary>
    public static string? Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Loads <paramref name="url"/>, runs its scripts and returns the resulting DOM as HTML.</summary>
    public static async Task<string> DumpDomAsync(string url, TimeSpan timeout)
    {
        var binary = Path ?? throw new InvalidOperationException("chromium is not installed (apt-get install chromium)");
        var profile = Directory.CreateTempSubdirectory("lyra-chromium-");
        try
        {
            var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.FullName, "--dump-dom", url })
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var dom = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            await p.WaitForExitAsync(cts.Token);
            return await dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

/// <summary>A fact that needs Chromium; skipped with the reason where it is not installed (CI installs it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : Xunit.FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Path is null) Skip = "chromium not installed (apt-get install chromium)";
    }
}
