namespace Lyra.Ai.Costs;

/// <summary>Spend of one model in one period.</summary>
/// <param name="Model">Model id.</param>
/// <param name="CostUsd">USD spent.</param>
/// <param name="Calls">Billed calls.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
public sealed record ModelSpend(string Model, decimal CostUsd, long Calls, long InputTokens, long OutputTokens);

/// <summary>Where model spending is counted, per UTC day (<c>yyyy-MM-dd</c>) and month (<c>yyyy-MM</c>).</summary>
public interface ICostLedger
{
    /// <summary>Adds one billed call to the day and month of <paramref name="at"/>.</summary>
    Task AddAsync(DateTimeOffset at, string model, decimal costUsd, long inputTokens, long outputTokens, CancellationToken cancellationToken = default);

    /// <summary>Spend per model in <paramref name="period"/> (a day or a month key).</summary>
    Task<IReadOnlyList<ModelSpend>> GetAsync(string period, CancellationToken cancellationToken = default);
}
