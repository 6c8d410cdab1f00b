using System.Text.Json;
using Azure.Data.Tables;
using Lyra.Storage.Tables;
using Lyra.Strategies.Management;

namespace Lyra.Storage.Settings;

/// <summary>Run-time strategy assignments in the settings table, partition <c>strategies</c>, a row per id (a switch is one transaction).</summary>
public sealed class StrategyAssignmentTableStore(TableProvider tables) : IStrategyAssignmentStore
{
    private const string Partition = "strategies";

    /// <inheritdoc />
    public async Task<IReadOnlyList<StrategyAssignment>> ListAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
        var list = new List<StrategyAssignment>();
        await foreach (var r in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            var where = $"{table.Name}/{Partition}/{r.RowKey}";
            list.Add(new StrategyAssignment(
                r.RowKey,
                r.GetString("Strategy") ?? throw new InvalidDataException($"{where}: Strategy is missing"),
                JsonSerializer.Deserialize<List<string>>(r.GetString("Markets") ?? "[]") ?? [],
                JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString("Parameters") ?? "{}") ?? [],
                r.GetBoolean("Active") ?? false,
                StrategyAssignment.FromRuntime,
                r.GetDateTimeOffset("UpdatedAt"),
                r.GetString("UpdatedBy")));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task SaveAsync(IReadOnlyList<StrategyAssignment> assignments, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
        await table.SubmitTransactionAsync(assignments.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, a.Id)
        {
            ["Strategy"] = a.Strategy,
            ["Markets"] = JsonSerializer.Serialize(a.Markets),
            ["Parameters"] = JsonSerializer.Serialize(a.Parameters),
            ["Active"] = a.Active,
            ["UpdatedAt"] = a.UpdatedAt,
            ["UpdatedBy"] = a.UpdatedBy,
        })), cancellationToken);
    }
}
