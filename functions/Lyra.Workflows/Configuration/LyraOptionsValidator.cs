using Cronos;
using Lyra.Ai.Consensus;
using Lyra.Core.Errors;
using Lyra.Core.Options;
using Lyra.Data.Markets;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Gate;
using Lyra.Strategies.Strategies;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Configuration;

/// <summary>
/// Start-up validation of every Lyra options class: data annotations plus the semantic checks (markets parse,
/// the schedule is a valid NCRONTAB expression, the strategy and its parameters exist). Each failure names its setting.
/// </summary>
public sealed class LyraOptionsValidator(IEnumerable<Lyra.Ai.Voting.IVoter> voters, IStrategyFactory strategies) :
    IValidateOptions<CollectOptions>, IValidateOptions<MarketDataOptions>, IValidateOptions<StrategyOptions>,
    IValidateOptions<TradingOptions>, IValidateOptions<RiskLimits>, IValidateOptions<ConsensusOptions>,
    IValidateOptions<PaperExchangeOptions>,
    IValidateOptions<Lyra.Ai.Costs.AiOptions>, IValidateOptions<Lyra.Ai.OpenRouter.OpenRouterOptions>
{
    private readonly string[] _knownVoters = [.. voters.Select(v => v.Name)];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CollectOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, CollectOptions.Section));
        try { CronExpression.Parse(options.Schedule, CronFormat.IncludeSeconds); }
        catch (CronFormatException e) { f.Add($"{CollectOptions.Section}:Schedule: '{options.Schedule}' is not a six-field NCRONTAB expression ({e.Message})"); }
        for (var i = 0; i < options.Markets.Count; i++)
        {
            var key = $"{CollectOptions.Section}:Markets:{i}";
            try { Market.Parse(options.Markets[i], key); }
            catch (ValidationException e) { f.Add($"{key}: {e.Message}"); }
        }

        return Result(f);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MarketDataOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, MarketDataOptions.Section));
        if (!string.IsNullOrEmpty(options.ReplayFile) && !File.Exists(options.ReplayFile))
        {
            f.Add($"{MarketDataOptions.Section}:ReplayFile: file '{options.ReplayFile}' does not exist");
        }

        return Result(f);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StrategyOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, StrategyOptions.Section));
        try
        {
            var s = strategies.Create(options.Name, options.Parameters, "strategy");
            if (options.WindowBars < s.WarmupBars)
            {
                f.Add($"{StrategyOptions.Section}:WindowBars: {options.WindowBars} does not cover the strategy's warm-up of {s.WarmupBars} bars");
            }
        }
        catch (ValidationException e)
        {
            // The catalog names "strategy" or "strategy.<parameter>"; translate to setting keys.
            var key = e.Field == "strategy" ? StrategyOptions.Section + ":Name" : StrategyOptions.Section + ":Parameters:" + e.Field["strategy.".Length..];
            f.Add($"{key}: {e.Message}");
        }

        return Result(f);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TradingOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, TradingOptions.Section));
        for (var i = 0; i < options.Voters.Count; i++)
        {
            if (!_knownVoters.Contains(options.Voters[i], StringComparer.Ordinal))
            {
                f.Add($"{TradingOptions.Section}:Voters:{i}: unknown voter '{options.Voters[i]}'; known: {string.Join(", ", _knownVoters)}");
            }
        }

        return Result(f);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RiskLimits options) => Result(OptionsValidator.Validate(options, "Lyra:Risk"));

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsensusOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, "Lyra:Consensus"));
        foreach (var (voter, w) in options.Weights)
        {
            if (double.IsNaN(w) || w < ConsensusEngine.MinWeight || w > ConsensusEngine.MaxWeight)
            {
                f.Add($"Lyra:Consensus:Weights:{voter}: {w} is outside [{ConsensusEngine.MinWeight}, {ConsensusEngine.MaxWeight}]");
            }
        }

        return Result(f);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PaperExchangeOptions options) => Result(OptionsValidator.Validate(options, "Lyra:Paper"));

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, Lyra.Ai.Costs.AiOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, Lyra.Ai.Costs.AiOptions.Section));
        for (var i = 0; i < options.ModelBudgets.Count; i++)
        {
            var m = options.ModelBudgets[i].Model;
            if (!_knownVoters.Contains("llm:" + m, StringComparer.Ordinal))
            {
                f.Add($"{Lyra.Ai.Costs.AiOptions.Section}:ModelBudgets:{i}:Model: '{m}' is not a model on the panel (Lyra:OpenRouter:Models, with a key configured)");
            }
        }

        return Result(f);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, Lyra.Ai.OpenRouter.OpenRouterOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, Lyra.Ai.OpenRouter.OpenRouterOptions.Section));
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKeys[i])) f.Add($"{Lyra.Ai.OpenRouter.OpenRouterOptions.Section}:ApiKeys:{i}: is empty");
        }

        for (var i = 0; i < options.Models.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Models[i]) || options.Models[i].Any(char.IsWhiteSpace))
            {
                f.Add($"{Lyra.Ai.OpenRouter.OpenRouterOptions.Section}:Models:{i}: '{options.Models[i]}' is not a model id (provider/model)");
            }
        }

        foreach (var key in options.Roles.Keys)
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) || i >= options.Models.Count)
            {
                f.Add($"{Lyra.Ai.OpenRouter.OpenRouterOptions.Section}:Roles:{key}: there is no Models:{key} (Roles:i is the role of Models:i)");
            }
        }

        return Result(f);
    }

    private static ValidateOptionsResult Result(IReadOnlyList<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
