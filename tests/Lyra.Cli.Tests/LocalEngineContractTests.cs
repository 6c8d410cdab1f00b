using Lyra.Testing.Flows;

namespace Lyra.Cli.Tests;

/// <summary>The <see cref="TradeFlowClientContract"/> on the local host's engine: DurableTask.Core over Azurite, as <c>lyra run</c> runs it.</summary>
public sealed class LocalEngineContractTests : TradeFlowClientContract
{
    /// <inheritdoc />
    protected override async Task<IFlowEngineUnderTest> StartAsync(IDictionary<string, string?> settings) => await RunningHost.StartAsync(Voters, settings);
}
