using System.ComponentModel.DataAnnotations;

namespace Lyra.Ai.Costs;

/// <summary>Budgets, learning and model choice of the AI panel (section <c>Lyra:Ai</c>).</summary>
public sealed class AiOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:Ai";

    /// <summary>Most USD all paid models may spend per UTC day; empty = no cap.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal? DailyBudgetUsd { get; set; }

    /// <summary>Most USD all paid models may spend per UTC calendar month; empty = no cap.</summary>
    [Range(typeof(decimal), "0", "10000000")]
    public decimal? MonthlyBudgetUsd { get; set; }

    /// <summary>Budgets of single models (<c>Lyra:Ai:ModelBudgets:0:Model</c>, <c>:DailyUsd</c>, <c>:MonthlyUsd</c>).</summary>
    public List<ModelBudget> ModelBudgets { get; set; } = [];

    /// <summary>Whether voter weights and confidence calibration follow each voter's measured track record.</summary>
    public bool LearnWeights { get; set; } = true;

    /// <summary>Scored trades a voter needs before its calibration moves away from 1.</summary>
    [Range(1, 1000)]
    public int MinScoredTrades { get; set; } = 5;

    /// <summary>A paid model whose expected cost per vote is above this is left off the trade panel; empty = no cap.</summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal? MaxCostPerVoteUsd { get; set; }

    /// <summary>Prompt tokens assumed for a vote when estimating its cost before the call.</summary>
    [Range(1, 1_000_000)]
    public int ExpectedPromptTokens { get; set; } = 1500;

    /// <summary>Completion tokens assumed for a vote when estimating its cost before the call.</summary>
    [Range(1, 100_000)]
    public int ExpectedCompletionTokens { get; set; } = 150;
}

/// <summary>Spending caps of one model.</summary>
public sealed class ModelBudget
{
    /// <summary>Model id (as in <c>Lyra:OpenRouter:Models</c>).</summary>
    [Required]
    public string Model { get; set; } = "";

    /// <summary>Most USD per UTC day; empty = no cap.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal? DailyUsd { get; set; }

    /// <summary>Most USD per UTC month; empty = no cap.</summary>
    [Range(typeof(decimal), "0", "10000000")]
    public decimal? MonthlyUsd { get; set; }
}
