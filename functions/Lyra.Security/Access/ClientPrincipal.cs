using System.Text;
using System.Text.Json;
using Lyra.Core.Errors;

namespace Lyra.Security.Access;

/// <summary>
/// The signed-in caller as App Service Authentication hands it to the app: the <c>X-MS-CLIENT-PRINCIPAL</c> header,
/// Base64 of <c>{"auth_typ", "name_typ", "role_typ", "claims": [{"typ", "val"}]}</c>. App Service strips the header
/// from incoming requests and sets it itself, so it is trusted only when the platform's authentication is on.
/// </summary>
/// <param name="Name">The caller's name claim (a user principal name, or an application id for app-only tokens).</param>
/// <param name="IdentityProvider">The provider (<c>auth_typ</c>, e.g. <c>aad</c>).</param>
/// <param name="Roles">The values of the role claims.</param>
public sealed record ClientPrincipal(string Name, string IdentityProvider, IReadOnlySet<string> Roles)
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    // Role claims arrive under role_typ; Entra ID's own names are accepted too because claim mapping varies by token version.
    private static readonly string[] RoleTypes = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];
    private static readonly string[] NameTypes = ["name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "appid", "azp"];

    /// <summary>Decodes the header.</summary>
    /// <exception cref="ValidationException">Not Base64 JSON of the documented shape; the field is the header.</exception>
    public static ClientPrincipal Parse(string header)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(Convert.FromBase64String(header.Trim()));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ValidationException(Header, $"{Header} is not Base64-encoded JSON ({e.GetType().Name})");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                throw new ValidationException(Header, $"{Header} has no claims array");
            }

            var roleType = Text(root, "role_typ");
            var nameType = Text(root, "name_typ");
            var roles = new HashSet<string>(StringComparer.Ordinal);
            string? name = null;
            string? fallbackName = null;
            foreach (var c in claims.EnumerateArray())
            {
                var typ = Text(c, "typ");
                var val = Text(c, "val");
                if (typ is null || val is null) continue;
                if (typ == roleType || RoleTypes.Contains(typ, StringComparer.Ordinal)) roles.Add(val);
                if (typ == nameType) name ??= val;
                else if (NameTypes.Contains(typ, StringComparer.Ordinal)) fallbackName ??= val;
            }

            return new ClientPrincipal(name ?? fallbackName ?? "unknown", Text(root, "auth_typ") ?? "unknown", roles);
        }
    }

    /// <summary>Encodes a principal as App Service would (for tests and tools).</summary>
    public static string Encode(string name, string identityProvider, params string[] roles)
    {
        const string nameType = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
        const string roleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
        var claims = new List<object> { new { typ = nameType, val = name } };
        claims.AddRange(roles.Select(r => new { typ = roleType, val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = identityProvider, claims, name_typ = nameType, role_typ = roleType });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
