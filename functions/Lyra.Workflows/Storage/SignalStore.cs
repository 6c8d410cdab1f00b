using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Data.Storage;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Storage;

/// <summary>Signals by market (partition) and candle time (RowKey, newest first).</summary>
public sealed class SignalStore(TableProvider tables)
{
    /// <summary>Stores a signal; storing it again is a no-op overwrite.</summary>
    public async Task SaveAsync(Signal signal, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Signals, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(signal.MarketKey, TableKeys.Descending(signal.CandleTime) + "|" + signal.Strategy)
        {
            ["Strategy"] = signal.Strategy,
            ["CandleTime"] = signal.CandleTime,
            ["Action"] = signal.Action.ToString(),
            ["Price"] = TableKeys.Text(signal.Price),
            ["Reason"] = signal.Reason,
            ["FlowId"] = signal.Id,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The newest signals (of one market when given), newest first.</summary>
    public async Task<IReadOnlyList<Signal>> ListAsync(string? marketKey, int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Signals, cancellationToken);
        var rows = marketKey is null ? table.QueryAsync<TableEntity>(cancellationToken: cancellationToken) : table.QueryAsync<TableEntity>(e => e.PartitionKey == marketKey, cancellationToken: cancellationToken);
        var list = new List<Signal>();
        await foreach (var e in rows)
        {
            list.Add(new Signal(e.GetString("Strategy"), e.PartitionKey, e.GetDateTimeOffset("CandleTime")!.Value,
                Enum.Parse<TradeAction>(e.GetString("Action")), TableKeys.ParseText(e.GetString("Price")), e.GetString("Reason") ?? ""));
            if (marketKey is not null && list.Count >= limit) break;
        }

        return [.. list.OrderByDescending(s => s.CandleTime).Take(limit)];
    }

    /// <summary>Number of stored signals.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Signals, cancellationToken);
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken)) n++;
        return n;
    }
}
