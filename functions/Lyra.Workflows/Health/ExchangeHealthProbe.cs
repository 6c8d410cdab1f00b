using Lyra.Core.Health;
using Lyra.Exchanges.Orders;

namespace Lyra.Workflows.Health;

/// <summary>The order venue. The paper exchange has no remote side and is healthy while its price source is.</summary>
public sealed class ExchangeHealthProbe(IExchange exchange) : IHealthProbe
{
    /// <inheritdoc />
    public string Module => "exchange";

    /// <inheritdoc />
    public Task<ModuleHealth> CheckAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ModuleHealth(Module, ModuleHealth.Healthy, $"{exchange.Name}: simulated fills against the latest stored close", 0));
}
