using Lyra.Testing;
using Lyra.Testing.Flows;

namespace Lyra.Workflows.Tests;

/// <summary>The <see cref="TradeFlowClientContract"/> on Durable Functions' client (the in-process durable host), as Azure Functions runs it.</summary>
public sealed class InProcessEngineContractTests : TradeFlowClientContract
{
    /// <inheritdoc />
    protected override async Task<IFlowEngineUnderTest> StartAsync(IDictionary<string, string?> settings) => await FlowHarness.StartAsync(Voters, settings);
}
