using Lyra.Core.Errors;

namespace Lyra.Strategies.Optimization;

/// <summary>How parameter combinations are chosen.</summary>
public enum SearchMethod
{
    /// <summary>Every combination.</summary>
    Grid = 0,
    /// <summary>Distinct random combinations.</summary>
    Random = 1,
}

/// <summary>Settings of an optimization.</summary>
public sealed record OptimizerOptions
{
    /// <summary>Metric to optimize (see <see cref="MetricCatalog"/>).</summary>
    public string Objective { get; init; } = "sharpe";
    /// <summary>Maximize (true) or minimize the objective.</summary>
    public bool Maximize { get; init; } = true;
    /// <summary>Constraints a result must meet to rank.</summary>
    public IReadOnlyList<Constraint> Constraints { get; init; } = [];
    /// <summary>Grid or random search.</summary>
    public SearchMethod Method { get; init; } = SearchMethod.Grid;
    /// <summary>Combinations tried by random search.</summary>
    public int Samples { get; init; } = 100;
    /// <summary>Seed of random search.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Parallel backtests (default: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Time blocks for the overfitting diagnostic (even, 4..16); 0 skips it.</summary>
    public int PboBlocks { get; init; } = 10;

    /// <summary>Throws naming the first invalid setting.</summary>
    public void Validate()
    {
        MetricCatalog.Get(Objective);
        if (Samples < 1) throw new ValidationException("samples", "samples must be at least 1");
        if (MaxDegreeOfParallelism < 1) throw new ValidationException("cores", "cores must be at least 1");
        if (PboBlocks != 0 && (PboBlocks < 4 || PboBlocks > 16 || PboBlocks % 2 != 0)) throw new ValidationException("pbo_blocks", "PBO blocks must be an even number from 4 to 16, or 0");
    }
}
