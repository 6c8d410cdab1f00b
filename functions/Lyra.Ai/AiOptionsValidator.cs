using System.Globalization;
using Lyra.Ai.Consensus;
using Lyra.Ai.Costs;
using Lyra.Ai.OpenRouter;
using Lyra.Ai.Voting;
using Lyra.Core.Options;
using Microsoft.Extensions.Options;

namespace Lyra.Ai;

/// <summary>
/// Start-up validation of the AI module's options: data annotations plus the checks across them (a model budget names
/// a model on the panel, every role has its model, weights are within the engine's bounds). Each failure names its setting.
/// </summary>
public sealed class AiOptionsValidator(IEnumerable<IVoter> voters) :
    IValidateOptions<ConsensusOptions>, IValidateOptions<AiOptions>, IValidateOptions<OpenRouterOptions>
{
    private readonly string[] _knownVoters = [.. voters.Select(v => v.Name)];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsensusOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, ConsensusOptions.Section));
        foreach (var (voter, w) in options.Weights)
        {
            if (double.IsNaN(w) || w < ConsensusEngine.MinWeight || w > ConsensusEngine.MaxWeight)
            {
                f.Add($"{ConsensusOptions.Section}:Weights:{voter}: {w} is outside [{ConsensusEngine.MinWeight}, {ConsensusEngine.MaxWeight}]");
            }
        }

        return Result(f);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AiOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, AiOptions.Section));
        for (var i = 0; i < options.ModelBudgets.Count; i++)
        {
            var m = options.ModelBudgets[i].Model;
            if (!_knownVoters.Contains(LlmVoter.NamePrefix + m, StringComparer.Ordinal))
            {
                f.Add($"{AiOptions.Section}:ModelBudgets:{i}:Model: '{m}' is not a model on the panel ({OpenRouterOptions.Section}:Models, with a key configured)");
            }
        }

        return Result(f);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OpenRouterOptions options)
    {
        var f = new List<string>(OptionsValidator.Validate(options, OpenRouterOptions.Section));
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKeys[i])) f.Add($"{OpenRouterOptions.Section}:ApiKeys:{i}: is empty");
        }

        for (var i = 0; i < options.Models.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Models[i]) || options.Models[i].Any(char.IsWhiteSpace))
            {
                f.Add($"{OpenRouterOptions.Section}:Models:{i}: '{options.Models[i]}' is not a model id (provider/model)");
            }
        }

        foreach (var key in options.Roles.Keys)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= options.Models.Count)
            {
                f.Add($"{OpenRouterOptions.Section}:Roles:{key}: there is no Models:{key} (Roles:i is the role of Models:i)");
            }
        }

        return Result(f);
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
