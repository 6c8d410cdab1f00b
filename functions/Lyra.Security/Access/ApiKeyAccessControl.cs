using Microsoft.AspNetCore.Http;

namespace Lyra.Security.Access;

/// <summary>
/// Access in <c>lyra run</c> (one user, Kestrel on 127.0.0.1): every route but health needs the API key in
/// <see cref="ApiKey.Header"/> or <c>Authorization: Bearer</c>; the key holder has every role. <see cref="NoAuth"/> is
/// the explicit <c>--no-auth</c> choice: nothing is asked, every call is audited as <c>no-auth</c>.
/// </summary>
public sealed class ApiKeyAccessControl : IAccessControl
{
    private readonly string? _hash;

    /// <summary>Requires the key whose SHA-256 (hex) is <paramref name="keyHash"/>.</summary>
    public ApiKeyAccessControl(string keyHash)
    {
        if (!ApiKey.IsHash(keyHash)) throw new ArgumentException($"{ApiKey.HashSetting} must be a SHA-256 in hex (64 characters)", nameof(keyHash));
        _hash = keyHash;
    }

    private ApiKeyAccessControl() => _hash = null;

    /// <summary>No key asked (the host listens on loopback only).</summary>
    public static ApiKeyAccessControl NoAuth { get; } = new();

    /// <summary>Whether this is <see cref="NoAuth"/>.</summary>
    public bool IsOpen => _hash is null;

    /// <inheritdoc />
    public AccessCheck Check(ApiAccess access, HttpRequest request)
    {
        if (_hash is null) return AccessCheck.Allow(new Caller("local", "no-auth", Caller.AllRoles));
        var key = request.Headers[ApiKey.Header].ToString();
        if (key.Length == 0 && request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) key = auth[7..].Trim();
        if (key.Length > 0 && ApiKey.Matches(key, _hash)) return AccessCheck.Allow(new Caller("api-key", "api-key", Caller.AllRoles));
        if (access == ApiAccess.Public) return AccessCheck.Allow(new Caller("anonymous", "public", Caller.NoRoles));
        return AccessCheck.Unauthenticated(key.Length == 0
            ? $"send the API key in the {ApiKey.Header} header (it was shown when lyra run created it; lyra run --new-api-key replaces it)"
            : "the API key is not the one this host was given");
    }
}
