using System.Globalization;
using Lyra.Ai.Models;

namespace Lyra.Ai.Costs;

/// <summary>Whether a paid call may be made now.</summary>
/// <param name="Allowed">True when no budget is exhausted.</param>
/// <param name="Reason">Which budget is exhausted, with the numbers.</param>
public sealed record BudgetCheck(bool Allowed, string? Reason)
{
    /// <summary>No budget stands in the way.</summary>
    public static BudgetCheck Ok { get; } = new(true, null);
}

/// <summary>What was spent in one period against its budget.</summary>
/// <param name="Period">Day (<c>yyyy-MM-dd</c>) or month (<c>yyyy-MM</c>).</param>
/// <param name="TotalUsd">Spent by all models.</param>
/// <param name="BudgetUsd">The total budget, null when uncapped.</param>
/// <param name="RemainingUsd">Left of the total budget, null when uncapped.</param>
/// <param name="Models">Spend per model with its own budget.</param>
public sealed record PeriodCosts(string Period, decimal TotalUsd, decimal? BudgetUsd, decimal? RemainingUsd, IReadOnlyList<ModelCosts> Models);

/// <summary>One model's spend in a period.</summary>
/// <param name="Model">Model id.</param>
/// <param name="CostUsd">USD spent.</param>
/// <param name="Calls">Billed calls.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="BudgetUsd">Its own budget in this period, null when uncapped.</param>
/// <param name="Exhausted">True when its own budget or the total is used up.</param>
public sealed record ModelCosts(string Model, decimal CostUsd, long Calls, long InputTokens, long OutputTokens, decimal? BudgetUsd, bool Exhausted);

/// <summary>
/// Counts what every model call costs (from its token usage and the model's prices) and enforces daily and monthly
/// budgets, per model and in total. A budget is checked before a paid call; calls already in flight when a budget is
/// reached still count, so spending can overshoot by at most the calls of one fan-out.
/// </summary>
public sealed class CostManager(ICostLedger ledger, AiOptions options, TimeProvider time)
{
    /// <summary>Day key of <paramref name="at"/>.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Month key of <paramref name="at"/>.</summary>
    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="model"/> may be called now. Free models always may.</summary>
    public async Task<BudgetCheck> CheckAsync(ModelInfo model, CancellationToken cancellationToken = default)
    {
        if (model.IsFree) return BudgetCheck.Ok;
        var own = options.ModelBudgets.FirstOrDefault(b => string.Equals(b.Model, model.Id, StringComparison.Ordinal));
        if (options.DailyBudgetUsd is null && options.MonthlyBudgetUsd is null && own is null) return BudgetCheck.Ok;
        var now = time.GetUtcNow();
        foreach (var (period, total, mine, label) in new[]
        {
            (Day(now), options.DailyBudgetUsd, own?.DailyUsd, "daily"),
            (Month(now), options.MonthlyBudgetUsd, own?.MonthlyUsd, "monthly"),
        })
        {
            if (total is null && mine is null) continue;
            var spend = await ledger.GetAsync(period, cancellationToken);
            var all = spend.Sum(s => s.CostUsd);
            if (total is { } t && all >= t) return new(false, F($"total {label} budget ${Usd.Format(t)} reached (spent ${Usd.Format(all)} in {period})"));
            var used = spend.Where(s => s.Model == model.Id).Sum(s => s.CostUsd);
            if (mine is { } m && used >= m) return new(false, F($"{label} budget ${Usd.Format(m)} of {model.Id} reached (spent ${Usd.Format(used)} in {period})"));
        }

        return BudgetCheck.Ok;
    }

    /// <summary>Counts a billed call.</summary>
    public Task RecordAsync(string model, decimal costUsd, long inputTokens, long outputTokens, CancellationToken cancellationToken = default) =>
        ledger.AddAsync(time.GetUtcNow(), model, costUsd, inputTokens, outputTokens, cancellationToken);

    /// <summary>Today's and this month's spend against the budgets.</summary>
    public async Task<(PeriodCosts Today, PeriodCosts Month)> ReportAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return (await PeriodAsync(Day(now), options.DailyBudgetUsd, b => b.DailyUsd, cancellationToken),
                await PeriodAsync(Month(now), options.MonthlyBudgetUsd, b => b.MonthlyUsd, cancellationToken));
    }

    private async Task<PeriodCosts> PeriodAsync(string period, decimal? budget, Func<ModelBudget, decimal?> own, CancellationToken ct)
    {
        var spend = await ledger.GetAsync(period, ct);
        var total = spend.Sum(s => s.CostUsd);
        var totalOut = budget is { } b && total >= b;
        var models = new List<ModelCosts>();
        foreach (var s in spend.OrderByDescending(s => s.CostUsd).ThenBy(s => s.Model, StringComparer.Ordinal))
        {
            var mine = options.ModelBudgets.FirstOrDefault(x => x.Model == s.Model) is { } mb ? own(mb) : null;
            models.Add(new ModelCosts(s.Model, Round(s.CostUsd), s.Calls, s.InputTokens, s.OutputTokens, mine, totalOut || (mine is { } m && s.CostUsd >= m)));
        }

        foreach (var mb in options.ModelBudgets.Where(x => own(x) is not null && spend.All(s => s.Model != x.Model)))
        {
            models.Add(new ModelCosts(mb.Model, 0, 0, 0, 0, own(mb), totalOut));
        }

        return new PeriodCosts(period, Round(total), budget, budget is { } bb ? Round(Math.Max(0, bb - total)) : null, models);
    }

    private static decimal Round(decimal usd) => Math.Round(usd, 6);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
