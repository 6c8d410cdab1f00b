using Azure.Data.Tables;
using Lyra.Ai.Costs;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Ai;

/// <summary>
/// Model spending in Azure Tables: partition = period (<c>d:yyyy-MM-dd</c> or <c>m:yyyy-MM</c>), one row per model with
/// cost (decimal text), calls and tokens. A call is added to its day and its month, each under an ETag, so concurrent
/// voters never lose each other's spend.
/// </summary>
public sealed class CostLedgerTableStore(TableProvider tables) : ICostLedger
{
    /// <inheritdoc />
    public async Task AddAsync(DateTimeOffset at, string model, decimal costUsd, long inputTokens, long outputTokens, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.AiCosts, cancellationToken);
        foreach (var partition in new[] { "d:" + CostManager.Day(at), "m:" + CostManager.Month(at) })
        {
            await OptimisticRetry.RunAsync(async () =>
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Escape(model), cancellationToken: cancellationToken);
                var e = row.HasValue ? row.Value! : new TableEntity(partition, TableKeys.Escape(model)) { ["Model"] = model };
                e["CostUsd"] = TableKeys.Text(TableKeys.ParseText(e.GetString("CostUsd")) + costUsd);
                e["Calls"] = (e.GetInt64("Calls") ?? 0) + 1;
                e["InputTokens"] = (e.GetInt64("InputTokens") ?? 0) + inputTokens;
                e["OutputTokens"] = (e.GetInt64("OutputTokens") ?? 0) + outputTokens;
                if (row.HasValue) await table.UpdateEntityAsync(e, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else await table.AddEntityAsync(e, cancellationToken);
                return true;
            }, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelSpend>> GetAsync(string period, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.AiCosts, cancellationToken);
        var partition = (period.Length == 7 ? "m:" : "d:") + period;
        var list = new List<ModelSpend>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            list.Add(new ModelSpend(e.GetString("Model"), TableKeys.ParseText(e.GetString("CostUsd")), e.GetInt64("Calls") ?? 0, e.GetInt64("InputTokens") ?? 0, e.GetInt64("OutputTokens") ?? 0));
        }

        return list;
    }
}
