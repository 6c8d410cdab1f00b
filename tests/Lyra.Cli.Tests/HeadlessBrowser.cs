using Lyra.Testing;
using PuppeteerSharp;

namespace Lyra.Cli.Tests;

/// <summary>Debian's headless Chromium driven by PuppeteerSharp, as the browser tests use it.</summary>
internal static class HeadlessBrowser
{
    /// <summary>Where the browser tests leave their screenshots (the test output folder).</summary>
    public static string Screenshots
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static async Task<IBrowser> LaunchAsync() => await Puppeteer.LaunchAsync(new LaunchOptions
    {
        Headless = true,
        ExecutablePath = HeadlessChromium.Path,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        DefaultViewport = new ViewPortOptions { Width = 1400, Height = 1000 },
    });

    /// <summary>A page that collects console errors and uncaught exceptions into <paramref name="errors"/>.</summary>
    public static async Task<IPage> PageAsync(IBrowser browser, List<string> errors)
    {
        var page = await browser.NewPageAsync();
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) lock (errors) errors.Add(e.Message.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e.Message); };
        return page;
    }
}
