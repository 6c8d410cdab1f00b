using Lyra.Core.Errors;
using Lyra.Exchanges.Live;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>Reads both legs' bid, ask and fee from the exchanges that would fill them (the venue's ticker live; paper's price otherwise).</summary>
public sealed class QuoteLegsActivity(ExchangeRouter exchanges) : TaskActivity<ArbitrageInput, ArbitrageQuotes>
{
    /// <inheritdoc />
    public override async Task<ArbitrageQuotes> RunAsync(TaskActivityContext context, ArbitrageInput input)
    {
        var ct = CancellationToken.None;
        var buy = exchanges.QuoteAsync(input.BuyMarket, ct);
        var sell = exchanges.QuoteAsync(input.SellMarket, ct);
        return new ArbitrageQuotes(await buy ?? throw new ConflictException($"no price for {input.BuyMarket}"),
            await sell ?? throw new ConflictException($"no price for {input.SellMarket}"));
    }
}
