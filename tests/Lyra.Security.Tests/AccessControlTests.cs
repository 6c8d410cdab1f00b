using System.Text;
using Lyra.Core.Errors;
using Lyra.Security.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Lyra.Security.Tests;

public sealed class AccessControlTests
{
    private static readonly IConfiguration AuthOn = Config("True");
    private static readonly IConfiguration AuthOff = Config(null);

    [Fact]
    public void The_principal_header_is_decoded_as_app_service_writes_it()
    {
        // The documented shape, as Entra ID delivers it: role claims under role_typ, the name under name_typ.
        var json = """
            {"auth_typ":"aad","claims":[
              {"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","val":"ana@contoso.example"},
              {"typ":"roles","val":"Lyra.Trader"},
              {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0b5d3a1e"}],
             "name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","role_typ":"roles"}
            """;
        var p = ClientPrincipal.Parse(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("ana@contoso.example", p.Name);
        Assert.Equal("aad", p.IdentityProvider);
        Assert.Equal(["Lyra.Trader"], p.Roles);

        var round = ClientPrincipal.Parse(ClientPrincipal.Encode("ops-bot", "aad", LyraRoles.Admin, "Other"));
        Assert.Equal("ops-bot", round.Name);
        Assert.Equal(new HashSet<string> { LyraRoles.Admin, "Other" }, round.Roles);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("eyJhIjoxfQ==")] // {"a":1}: no claims
    public void A_malformed_principal_header_is_refused_naming_the_header(string header)
    {
        var e = Assert.Throws<ValidationException>(() => ClientPrincipal.Parse(header));
        Assert.Equal(ClientPrincipal.Header, e.Field);
    }

    [Fact]
    public void Under_functions_read_routes_rely_on_the_function_key_and_control_routes_on_app_service_authentication()
    {
        var access = new AppServiceAccessControl(AuthOff);
        Assert.True(access.Check(ApiAccess.Public, Request()).Allowed);
        var read = access.Check(ApiAccess.Read, Request());
        Assert.Equal("function-key", read.Caller!.Via);

        // Without the platform's authentication the header could be written by anybody: it is not believed.
        var forged = access.Check(ApiAccess.Operate, Request(ClientPrincipal.Encode("mallory", "aad", LyraRoles.Admin)));
        Assert.Equal(401, forged.Status);
        Assert.Contains("App Service Authentication is not enabled", forged.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_app_service_authentication_the_role_decides()
    {
        var access = new AppServiceAccessControl(AuthOn);
        var anonymous = access.Check(ApiAccess.Operate, Request());
        Assert.Equal((401, ErrorCodes.Unauthorized), (anonymous.Status, anonymous.Code));

        var viewer = Request(ClientPrincipal.Encode("vic", "aad"));
        Assert.True(access.Check(ApiAccess.Read, viewer).Allowed);
        var refused = access.Check(ApiAccess.Operate, viewer);
        Assert.Equal((403, ErrorCodes.Forbidden), (refused.Status, refused.Code));
        Assert.Equal("vic lacks the role Lyra.Trader or Lyra.Admin", refused.Reason);

        var trader = Request(ClientPrincipal.Encode("tom", "aad", LyraRoles.Trader));
        var allowed = access.Check(ApiAccess.Operate, trader);
        Assert.Equal(("tom", "app-service-auth"), (allowed.Caller!.Name, allowed.Caller.Via));
        Assert.Equal(403, access.Check(ApiAccess.Administer, trader).Status);

        var admin = Request(ClientPrincipal.Encode("ada", "aad", LyraRoles.Admin));
        Assert.True(access.Check(ApiAccess.Operate, admin).Allowed);
        Assert.True(access.Check(ApiAccess.Administer, admin).Allowed);

        Assert.Equal(401, access.Check(ApiAccess.Operate, Request("%%%")).Status);
    }

    [Fact]
    public void Locally_every_route_but_health_needs_the_api_key_which_is_kept_as_its_hash()
    {
        var key = ApiKey.Generate();
        Assert.StartsWith("lyra_", key, StringComparison.Ordinal);
        Assert.NotEqual(key, ApiKey.Generate());
        var access = new ApiKeyAccessControl(ApiKey.Hash(key));

        Assert.True(access.Check(ApiAccess.Public, Request()).Allowed);
        var missing = access.Check(ApiAccess.Read, Request());
        Assert.Equal(401, missing.Status);
        Assert.Contains("X-Api-Key", missing.Reason, StringComparison.Ordinal);
        Assert.Equal(401, access.Check(ApiAccess.Read, WithKey(ApiKey.Generate())).Status);
        Assert.Equal(401, access.Check(ApiAccess.Operate, WithKey(key[..^1])).Status);

        var ok = access.Check(ApiAccess.Administer, WithKey(key));
        Assert.Equal("api-key", ok.Caller!.Via);
        var bearer = Request();
        bearer.Headers.Authorization = "Bearer " + key;
        Assert.True(access.Check(ApiAccess.Operate, bearer).Allowed);

        Assert.Equal("no-auth", ApiKeyAccessControl.NoAuth.Check(ApiAccess.Administer, Request()).Caller!.Via);
        Assert.Throws<ArgumentException>(() => new ApiKeyAccessControl("not-a-hash"));
    }

    private static HttpRequest WithKey(string key)
    {
        var r = Request();
        r.Headers[ApiKey.Header] = key;
        return r;
    }

    private static HttpRequest Request(string? principal = null)
    {
        var ctx = new DefaultHttpContext();
        if (principal is not null) ctx.Request.Headers[ClientPrincipal.Header] = principal;
        return ctx.Request;
    }

    private static IConfiguration Config(string? authEnabled) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppServiceAccessControl.AuthEnabledSetting] = authEnabled }).Build();
}
