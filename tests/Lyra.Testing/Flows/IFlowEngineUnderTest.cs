using Lyra.Workflows.Orchestration;

namespace Lyra.Testing.Flows;

/// <summary>A host's durable engine with Lyra's services, as the <see cref="TradeFlowClientContract"/> drives it.</summary>
public interface IFlowEngineUnderTest : IAsyncDisposable
{
    /// <summary>The host's client.</summary>
    ITradeFlowClient Client { get; }

    /// <summary>A service of the host.</summary>
    T Get<T>() where T : notnull;
}
