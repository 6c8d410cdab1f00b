using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lyra.Storage.Configuration;

/// <summary>Builds storage clients from a connection string or, without one, an identity-based account name.</summary>
public static class StorageClients
{
    /// <summary>The connection string, if one is configured.</summary>
    public static string? ConnectionString(IConfiguration configuration, StorageOptions options) =>
        !string.IsNullOrEmpty(options.ConnectionString) ? options.ConnectionString
        : configuration["AzureWebJobsStorage"] is { Length: > 0 } c ? c : null;

    /// <summary>Table service client.</summary>
    public static TableServiceClient Tables(IConfiguration configuration, StorageOptions options) =>
        ConnectionString(configuration, options) is { } cs ? new TableServiceClient(cs)
        : new TableServiceClient(new Uri($"https://{Account(configuration)}.table.core.windows.net"), Credential());

    /// <summary>Queue service client (Base64 messages, as the Functions queue trigger expects).</summary>
    public static QueueServiceClient Queues(IConfiguration configuration, StorageOptions options)
    {
        var qo = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return ConnectionString(configuration, options) is { } cs ? new QueueServiceClient(cs, qo)
            : new QueueServiceClient(new Uri($"https://{Account(configuration)}.queue.core.windows.net"), Credential(), qo);
    }

    /// <summary>Blob service client.</summary>
    public static BlobServiceClient Blobs(IConfiguration configuration, StorageOptions options) =>
        ConnectionString(configuration, options) is { } cs ? new BlobServiceClient(cs)
        : new BlobServiceClient(new Uri($"https://{Account(configuration)}.blob.core.windows.net"), Credential());

    private static string Account(IConfiguration configuration) =>
        configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } a ? a
        : throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
            [$"{StorageOptions.Section}:ConnectionString: no storage configured; set {StorageOptions.Section}:ConnectionString, AzureWebJobsStorage or AzureWebJobsStorage__accountName"]);

    private static DefaultAzureCredential Credential() => new();
}
