using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Storage.Tables;
using Lyra.Strategies.Signals;

namespace Lyra.Storage.Signals;

/// <summary>
/// Signals by market (partition) and candle time (RowKey <c>inverted time|strategy</c>, newest first), with a count
/// per market kept in the same partition.
/// </summary>
public sealed class SignalTableStore(TableProvider tables) : ISignalStore
{
    /// <inheritdoc />
    public async Task SaveAsync(Signal signal, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Signals, cancellationToken);
        var entity = ToEntity(signal);
        await PartitionCounter.WriteCountedAsync(table, entity, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Signal?> GetAsync(string marketKey, DateTimeOffset candleTime, string strategy, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Signals, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(marketKey, RowKey(candleTime, strategy), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Signal>> ListAsync(string? marketKey, int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Signals, cancellationToken);
        var rows = marketKey is null
            ? table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("~") < 0, cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(e => e.PartitionKey == marketKey && e.RowKey.CompareTo("~") < 0, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken);
        var list = new List<Signal>();
        await foreach (var e in rows)
        {
            list.Add(FromEntity(e));
            if (marketKey is not null && list.Count >= limit) break;
        }

        return [.. list.OrderByDescending(s => s.CandleTime).Take(limit)];
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Signals, cancellationToken);
        return await PartitionCounter.SumAsync(table, marketKeys, cancellationToken);
    }

    private static string RowKey(DateTimeOffset candleTime, string strategy) => TableKeys.Descending(candleTime) + "|" + strategy;

    private static TableEntity ToEntity(Signal signal) => new(signal.MarketKey, RowKey(signal.CandleTime, signal.Strategy))
    {
        ["Strategy"] = signal.Strategy,
        ["CandleTime"] = signal.CandleTime,
        ["Action"] = signal.Action.ToString(),
        ["Price"] = TableKeys.Text(signal.Price),
        ["Reason"] = signal.Reason,
        ["FlowId"] = signal.Id,
        ["Strength"] = signal.Strength,
    };

    private static Signal FromEntity(TableEntity e) =>
        new(e.GetString("Strategy"), e.PartitionKey, e.GetDateTimeOffset("CandleTime")!.Value,
            Enum.Parse<TradeAction>(e.GetString("Action")), TableKeys.ParseText(e.GetString("Price")), e.GetString("Reason") ?? "", e.GetDouble("Strength") ?? 1);
}
