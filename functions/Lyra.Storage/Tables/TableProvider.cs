using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Lyra.Core.Errors;

namespace Lyra.Storage.Tables;

/// <summary>
/// Hands out <see cref="TableClient"/>s for Lyra's tables, creating each table once. A prefix lets tests and
/// several local hosts share one storage account without seeing each other's rows.
/// </summary>
public sealed class TableProvider(TableServiceClient service, string prefix = "lyra")
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    /// <summary>The tables of the account in <paramref name="connectionString"/> whose names start with <paramref name="prefix"/>.</summary>
    public static TableProvider Connect(string connectionString, string prefix = "lyra") => new(new TableServiceClient(connectionString), prefix);

    /// <summary>The table name prefix.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>The underlying service client.</summary>
    public TableServiceClient Service { get; } = service;

    /// <summary>Returns the client of table <c>{prefix}{name}</c>, creating the table on first use.</summary>
    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var lazy = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n, cancellationToken)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled) _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
        return task;
    }

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = Service.GetTableClient(Prefix + name);
        try
        {
            await client.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e)
        {
            _tables.TryRemove(name, out _);
            throw new DependencyUnavailableException("storage", $"Cannot create or open table '{Prefix + name}': {e.Status} {e.ErrorCode}.", e);
        }
        catch (AggregateException e) when (e.InnerException is HttpRequestException)
        {
            _tables.TryRemove(name, out _);
            throw new DependencyUnavailableException("storage", $"Table storage is unreachable at {Service.Uri}.", e);
        }
        catch (HttpRequestException e)
        {
            _tables.TryRemove(name, out _);
            throw new DependencyUnavailableException("storage", $"Table storage is unreachable at {Service.Uri}.", e);
        }

        return client;
    }
}
