using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Lyra.Monitoring.Reports;

namespace Lyra.Storage.Reports;

/// <summary>Reports as blobs (<c>text/html</c>) in the container <c>{table prefix}-reports</c>, created on first use.</summary>
public sealed class BlobReportStore(BlobServiceClient blobs, string prefix) : IReportStore
{
    private BlobContainerClient? _container;

    /// <summary>The container's name.</summary>
    public string ContainerName { get; } = prefix.ToLowerInvariant() + "-reports";

    /// <inheritdoc />
    public async Task SaveAsync(string name, string html, CancellationToken cancellationToken = default)
    {
        var container = await ContainerAsync(cancellationToken);
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(html),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" } }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var container = await ContainerAsync(cancellationToken);
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        var container = await ContainerAsync(cancellationToken);
        var names = new List<string>();
        await foreach (var b in container.GetBlobsAsync(cancellationToken: cancellationToken)) names.Add(b.Name);
        return [.. names.OrderDescending(StringComparer.Ordinal).Take(limit)];
    }

    private async Task<BlobContainerClient> ContainerAsync(CancellationToken ct)
    {
        if (_container is not null) return _container;
        var container = blobs.GetBlobContainerClient(ContainerName);
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        return _container = container;
    }
}
