namespace Lyra.Storage.Configuration;

/// <summary>Azure Storage used for tables and queues (section <c>Lyra:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:Storage";

    /// <summary>Connection string; when empty, <c>AzureWebJobsStorage</c> is used (connection string or <c>__accountName</c> with managed identity).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every table name (letters and digits).</summary>
    public string TablePrefix { get; set; } = "lyra";

    /// <summary>
    /// Prefix of every queue name (lower-case letters, digits, hyphens), so several local hosts or test runs can share
    /// one account. Must stay empty under Azure Functions, whose queue trigger listens to <c>market-updates</c> itself.
    /// </summary>
    public string QueuePrefix { get; set; } = "";
}
