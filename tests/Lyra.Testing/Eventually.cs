using System.Diagnostics;

namespace Lyra.Testing;

/// <summary>Waits for a condition with a deadline (never a bare sleep).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it is true or <paramref name="timeout"/> passes, then fails naming <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!await condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            await Task.Delay(25);
        }
    }
}
