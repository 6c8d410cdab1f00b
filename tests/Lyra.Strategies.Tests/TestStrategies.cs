using Lyra.Strategies.Strategies;

namespace Lyra.Strategies.Tests;

/// <summary>The strategy factory of this module's own strategies.</summary>
internal static class TestStrategies
{
    public static readonly IStrategyFactory BuiltIn = StrategyFactory.Of(new BuiltInStrategies());
}
