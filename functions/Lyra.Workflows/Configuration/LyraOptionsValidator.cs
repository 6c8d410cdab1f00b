using Cronos;
using Lyra.Core.Errors;
using Lyra.Core.Options;
using Lyra.Data.Markets;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Gate;
using Lyra.Strategies.Strategies;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Configuration;

/// <summary>
/// Start-up validation of the options the flow glue binds (collect, market data, strategy, trading, risk, paper venue):
/// data annotations plus the semantic checks (markets parse, the schedule is a valid NCRONTAB expression, the strategy
/// and its parameters exist, the panel's voters are registered). Each failure names its setting.
/// </summary>
public sealed class LyraOptionsValidator(IEnumerable<Lyra.Ai.Voting.IVoter> voters, IStrategyFactory strategies) :
    IValidateOptions<CollectOptions>, IValidateOptions<MarketDataOptions>, IValidateOptions<StrategyOptions>,
    IValidateOptions<TradingOptions>, IValidateOptions<RiskLimits>, IValidateOptions<PaperExchangeOptions>
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

        foreach (var (id, a) in options.Assignments)
        {
            var prefix = $"{StrategyOptions.Section}:Assignments:{id}";
            if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{0,39}$")) f.Add($"{prefix}: '{id}' is not a strategy id (1-40 of a-z, 0-9, -)");
            try
            {
                var s = strategies.Create(a.Name, a.Parameters, "strategy");
                if (options.WindowBars < s.WarmupBars) f.Add($"{StrategyOptions.Section}:WindowBars: {options.WindowBars} does not cover the warm-up of {id} ({s.WarmupBars} bars)");
            }
            catch (ValidationException e)
            {
                var key = e.Field == "strategy" ? prefix + ":Name" : prefix + ":Parameters:" + e.Field["strategy.".Length..];
                f.Add($"{key}: {e.Message}");
            }

            for (var i = 0; i < a.Markets.Count; i++)
            {
                try
                {
                    Lyra.Data.Markets.Market.Parse(a.Markets[i]);
                }
                catch (ValidationException e)
                {
                    f.Add($"{prefix}:Markets:{i}: {e.Message}");
                }
            }
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
    public ValidateOptionsResult Validate(string? name, PaperExchangeOptions options) => Result(OptionsValidator.Validate(options, "Lyra:Paper"));

    private static ValidateOptionsResult Result(IReadOnlyList<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
