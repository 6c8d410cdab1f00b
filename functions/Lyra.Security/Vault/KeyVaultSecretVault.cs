using Lyra.Security.Audit;
using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace Lyra.Security.Vault;

/// <summary>
/// Azure Key Vault behind <see cref="ISecretVault"/> (a <see cref="SecretClient"/>, in Azure with the app's managed
/// identity). A value read is kept for <see cref="CacheTtl"/>, so a rotated secret is picked up within that time without
/// a restart and a busy host does not pay a Key Vault call per use. Every read that reaches Key Vault is audited (which
/// secret, when, by which host — never the value). Key Vault's own throttling (429) is retried by the client's policy.
/// </summary>
public sealed partial class KeyVaultSecretVault : ISecretVault
{
    private readonly SecretClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SecretReads? _reads;
    private readonly string _host;
    private readonly ConcurrentDictionary<string, (string? Value, DateTimeOffset ReadAt)> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the vault.</summary>
    /// <param name="client">The Key Vault client.</param>
    /// <param name="time">Clock of the cache.</param>
    /// <param name="log">Where reads are audited.</param>
    /// <param name="host">This host's name in the audit (machine and process).</param>
    /// <param name="cacheTtl">How long a read value is reused (default 5 minutes).</param>
    /// <param name="reads">Where each read is noted for the audit journal (null: logged only).</param>
    public KeyVaultSecretVault(SecretClient client, TimeProvider time, ILogger<KeyVaultSecretVault> log, string host, TimeSpan? cacheTtl = null, SecretReads? reads = null)
    {
        _reads = reads;
        _client = client;
        _time = time;
        _log = log;
        _host = host;
        CacheTtl = cacheTtl ?? TimeSpan.FromMinutes(5);
    }

    /// <summary>How long a read value is reused.</summary>
    public TimeSpan CacheTtl { get; }

    /// <summary>The vault's address.</summary>
    public Uri VaultUri => _client.VaultUri;

    /// <inheritdoc />
    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        name = SecretName.Normalize(name);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(name, out var hit) && now - hit.ReadAt < CacheTtl) return hit.Value;
        string? value;
        try
        {
            value = (await _client.GetSecretAsync(name, cancellationToken: cancellationToken)).Value.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            value = null;
        }
        catch (RequestFailedException e)
        {
            throw Refused("read", name, e);
        }

        LogRead(_log, name, _host, value is not null);
        _reads?.Record(name, "key vault " + _client.VaultUri.Host, value is not null, now);
        _cache[name] = (value, now);
        return value;
    }

    /// <inheritdoc />
    public async Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        name = SecretName.Normalize(name);
        ArgumentException.ThrowIfNullOrEmpty(value);
        try
        {
            await _client.SetSecretAsync(name, value, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            throw Refused("set", name, e);
        }

        _cache.TryRemove(name, out _);
        LogWrite(_log, name, _host, "set");
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        name = SecretName.Normalize(name);
        try
        {
            // Soft delete (the vault has purge protection): recoverable for its retention period.
            await _client.StartDeleteSecretAsync(name, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Refused("remove", name, e);
        }

        _cache.TryRemove(name, out _);
        LogWrite(_log, name, _host, "removed");
        return true;
    }

    /// <summary>Every enabled secret's current value by name (each an audited read): the vault as settings.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in await ListAsync(cancellationToken))
        {
            if (await GetAsync(s.Name, cancellationToken) is { } value) all[s.Name] = value;
        }

        return all;
    }

    /// <inheritdoc />
    /// <remarks>Lists names, versions and dates without reading any value (so nothing is masked from a value: <c>****</c>).</remarks>
    public async Task<IReadOnlyList<SecretInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<SecretInfo>();
        try
        {
            await foreach (var s in _client.GetPropertiesOfSecretsAsync(cancellationToken))
            {
                if (s.Enabled == false) continue;
                var versions = 0;
                await foreach (var v in _client.GetPropertiesOfSecretVersionsAsync(s.Name, cancellationToken)) versions += v.Enabled == false ? 0 : 1;
                list.Add(new SecretInfo(s.Name, "****", Math.Max(1, versions), s.UpdatedOn ?? s.CreatedOn ?? DateTimeOffset.UnixEpoch));
            }
        }
        catch (RequestFailedException e)
        {
            throw Refused("list", "*", e);
        }

        return [.. list.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    private VaultException Refused(string what, string name, RequestFailedException e) => new(e.Status switch
    {
        401 or 403 => $"Key Vault {_client.VaultUri} refused to {what} '{name}' ({e.Status} {e.ErrorCode}): the app's identity needs the role Key Vault Secrets User (Officer to set)",
        429 => $"Key Vault {_client.VaultUri} throttled the {what} of '{name}' after the client's retries (429)",
        _ => $"Key Vault {_client.VaultUri} could not {what} '{name}': {e.Status} {e.ErrorCode}",
    }, e);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Audit: secret {SecretName} read from Key Vault by {Host} (found: {Found})")]
    private static partial void LogRead(ILogger logger, string secretName, string host, bool found);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Audit: secret {SecretName} {Action} in Key Vault by {Host}")]
    private static partial void LogWrite(ILogger logger, string secretName, string host, string action);
}
