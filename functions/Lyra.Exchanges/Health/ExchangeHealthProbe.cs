using System.Diagnostics;
using System.Globalization;
using Lyra.Core.Health;
using Lyra.Exchanges.Orders;

namespace Lyra.Exchanges.Health;

/// <summary>
/// The order venue: asks it whether it answers and can trade the configured markets (a real round trip, timed), and
/// reports the share of rejected orders among the latest ones. Unhealthy when unreachable; degraded when a market cannot
/// be traded or at least half of the recent orders were rejected.
/// </summary>
/// <param name="exchange">The venue orders go to.</param>
/// <param name="orders">The orders placed, for the rejection rate.</param>
/// <param name="markets">The markets traded (read when the probe runs).</param>
/// <param name="module">Module name in the health report (<c>exchange</c>, or <c>exchange:gateio</c> for one venue of several).</param>
public sealed class ExchangeHealthProbe(IExchange exchange, IOrderStore orders, Func<IReadOnlyList<string>> markets, string module = "exchange") : IHealthProbe
{
    /// <summary>Orders per market the error rate looks at.</summary>
    public const int RecentOrders = 20;

    /// <inheritdoc />
    public string Module => module;

    /// <inheritdoc />
    public async Task<ModuleHealth> CheckAsync(CancellationToken cancellationToken = default)
    {
        var traded = markets();
        var sw = Stopwatch.StartNew();
        VenueCheck check;
        try
        {
            check = await exchange.CheckAsync(traded, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(Module, ModuleHealth.Unhealthy, $"{exchange.Name}: unreachable ({e.GetType().Name})", sw.Elapsed.TotalMilliseconds);
        }

        var latency = sw.Elapsed.TotalMilliseconds;
        if (!check.Reachable) return new(Module, ModuleHealth.Unhealthy, $"{exchange.Name}: {check.Detail}", latency);
        int total = 0, rejected = 0;
        try
        {
            foreach (var m in traded)
            {
                foreach (var o in await orders.ListAsync(m, RecentOrders, cancellationToken))
                {
                    total++;
                    if (o.Status == OrderStatus.Rejected) rejected++;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(Module, ModuleHealth.Degraded, $"{exchange.Name}: {check.Detail}; recent orders unreadable ({e.GetType().Name})", latency);
        }

        var rate = total == 0 ? 0 : (double)rejected / total;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{exchange.Name}: {check.Detail} in {latency:0.#} ms; {rejected} of the last {total} order(s) rejected");
        var degraded = check.Tradable.Count < traded.Count || (total >= 4 && rate >= 0.5);
        return new(Module, degraded ? ModuleHealth.Degraded : ModuleHealth.Healthy, detail, latency);
    }
}
