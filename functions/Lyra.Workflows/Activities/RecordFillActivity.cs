using Lyra.Exchanges.Orders;
using Lyra.Workflows.Storage;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>Step 6: applies the fill to cash and position, exactly once per client order id.</summary>
public sealed class RecordFillActivity(PortfolioStore portfolio) : TaskActivity<OrderResult, PositionState>
{
    /// <inheritdoc />
    public override Task<PositionState> RunAsync(TaskActivityContext context, OrderResult input) =>
        portfolio.ApplyFillAsync(input, CancellationToken.None);
}
