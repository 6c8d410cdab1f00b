using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Exchanges.Venues;
using Lyra.Security.Audit;
using Lyra.Security.Vault;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Security;

/// <summary>
/// What protects Lyra, readable without exposing anything: where secrets come from, and per exchange which credentials
/// exist (masked), when each was last set, and what the key may do where the venue says. Never a value.
/// </summary>
public sealed class SecurityApi(IEnumerable<ISecretVault> vaults, VenueRegistry venues, IOptionsMonitor<VenueOptions> venueOptions, AuditLog audit, TimeProvider time) : IApiHandler
{
    private static readonly string[] CredentialNames = ["ApiKey", "ApiSecret", "Passphrase"];

    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.SecurityStatus, ApiRoutes.SecurityCredentials, ApiRoutes.SecurityAudit];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "SecurityStatus" => StatusAsync(request),
        "SecurityAudit" => AuditAsync(request, cancellationToken),
        _ => CredentialsAsync(request, cancellationToken),
    };

    private Task<ApiResult> StatusAsync(ApiRequest request)
    {
        request.Query();
        var vault = vaults.LastOrDefault();
        var status = new SecurityStatus(
            vault switch { KeyVaultSecretVault => "key_vault", LocalFileVault => "local_file", null => "settings", _ => "other" },
            vault is KeyVaultSecretVault kv ? kv.VaultUri.ToString() : null,
            [.. venues.Enabled.Select(v => new VenueKeyStatus(v, venueOptions.Get(v).HasCredentials, venues.Exchange(v)!.Refusal))]);
        return Task.FromResult(ApiResult.Ok(status, ApiRoutes.SecurityStatus.Module, time.GetUtcNow()));
    }

    private async Task<ApiResult> AuditAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("kind", "limit", "verify");
        var kind = q.Text("kind");
        if (kind is not null && !AuditKinds.All.Contains(kind)) throw new ValidationException("kind", $"'{kind}' is not an audit kind ({string.Join(", ", AuditKinds.All)})");
        var entries = await audit.ListAsync(kind, q.Limit(50, 500), ct);
        var chain = q.Bool("verify") ? await audit.VerifyAsync(ct) : null;
        return ApiResult.Ok(new AuditReport(entries, chain), ApiRoutes.SecurityAudit.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> CredentialsAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var venue = request.Id?.ToLowerInvariant() ?? "";
        if (!VenueNames.Trading.Contains(venue)) throw new ValidationException("exchange", $"'{request.Id}' is not an exchange Lyra trades on ({string.Join(", ", VenueNames.Trading)})");
        var prefix = SecretName.Normalize($"{VenueNames.Section}:{venue}:");
        var rows = new List<CredentialInfo>();
        if (vaults.LastOrDefault() is { } vault)
        {
            foreach (var s in (await vault.ListAsync(ct)).Where(s => s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                rows.Add(new CredentialInfo(s.Name[prefix.Length..], s.Masked, "vault", s.Version, s.UpdatedAt));
            }
        }

        // Plain settings (or secrets the vault put into settings) for what the vault did not list.
        var o = venueOptions.Get(venue);
        foreach (var (name, value) in CredentialNames.Zip([o.ApiKey, o.ApiSecret, o.Passphrase]))
        {
            if (value is { Length: > 0 } && rows.All(r => !r.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) rows.Add(new CredentialInfo(name, SecretMask.Mask(value), "settings", null, null));
        }

        KeyPermissions? permissions = null;
        if (venues.Exchange(venue) is { } exchange && o.HasCredentials)
        {
            try
            {
                permissions = await exchange.Venue.GetKeyPermissionsAsync(ct);
            }
            catch (VenueException e)
            {
                return ApiResult.Ok(new ExchangeCredentials(venue, rows, null, $"the venue did not say: {e.Message}"), ApiRoutes.SecurityCredentials.Module, time.GetUtcNow());
            }
        }

        var note = venues.Exchange(venue) is null ? $"{venue} is not enabled" : permissions is { Known: false } ? $"{venue} does not report a key's permissions" : null;
        return ApiResult.Ok(new ExchangeCredentials(venue, rows, permissions, note), ApiRoutes.SecurityCredentials.Module, time.GetUtcNow());
    }
}

/// <summary>Where secrets come from and each enabled venue's key state.</summary>
/// <param name="Vault"><c>key_vault</c>, <c>local_file</c> or <c>settings</c>.</param>
/// <param name="VaultAddress">The Key Vault's address, when that is the vault.</param>
/// <param name="Venues">Each enabled venue: has it a key, and why it takes no orders, if it does not.</param>
public sealed record SecurityStatus(string Vault, string? VaultAddress, IReadOnlyList<VenueKeyStatus> Venues);

/// <summary>An enabled venue's key state.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="HasKey">Key and secret are set.</param>
/// <param name="Refusal">Why the venue takes no orders (a key that can withdraw), or null.</param>
public sealed record VenueKeyStatus(string Venue, bool HasKey, string? Refusal);

/// <summary>One exchange's credentials, masked.</summary>
/// <param name="Exchange">Venue id.</param>
/// <param name="Credentials">Each credential, masked.</param>
/// <param name="Permissions">What the key may do, where the venue says.</param>
/// <param name="Note">Why permissions are missing, when they are.</param>
public sealed record ExchangeCredentials(string Exchange, IReadOnlyList<CredentialInfo> Credentials, KeyPermissions? Permissions, string? Note);

/// <summary>One credential, masked.</summary>
/// <param name="Name"><c>ApiKey</c>, <c>ApiSecret</c> or <c>Passphrase</c>.</param>
/// <param name="Masked">The value masked (the last four characters of a long value at most).</param>
/// <param name="Source"><c>vault</c> or <c>settings</c>.</param>
/// <param name="Version">Its version in the vault.</param>
/// <param name="LastRotated">When it was last set in the vault.</param>
public sealed record CredentialInfo(string Name, string Masked, string Source, int? Version, DateTimeOffset? LastRotated);
