using Lyra.Api.Routing;
using Lyra.Security.Access;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>The dispatcher asks the host's access control before any handler runs, and refuses with the error envelope.</summary>
public sealed class AccessControlApiTests
{
    [Fact]
    public void Every_route_has_the_access_level_a_trader_expects()
    {
        Assert.Equal([ApiRoutes.Health], ApiRoutes.All.Where(r => r.Access == ApiAccess.Public));
        // Everything that changes what is traded is an operate route; reading secrets is for admins.
        Assert.Equal(
            ["ApproveDecision", "ExchangeArbitrage", "ExchangeCancel", "ExchangeGrid", "ExchangeGridStop", "ExchangeOrder", "MonitoringAlertAck", "MonitoringReportWrite", "NotificationAlert", "NotificationSend", "RejectDecision", "StrategyActivate", "StrategyDeactivate", "StrategyExecute", "TestingRun", "TradingStart", "TradingStop"],
            ApiRoutes.All.Where(r => r.Access == ApiAccess.Operate).Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Contains(ApiRoutes.SecurityCredentials, ApiRoutes.All.Where(r => r.Access == ApiAccess.Administer));
        Assert.All(ApiRoutes.All.Where(r => r.Method is "POST" or "DELETE" && r.Access == ApiAccess.Read), r =>
            Assert.Contains(r.Name, new[] { "RunBacktest", "RiskAssess", "RiskPositionSize", "AiQuery", "AiConsensus" })); // compute only: nothing changes
    }

    [Fact]
    public async Task A_caller_without_the_role_is_refused_and_the_kill_switch_is_not_touched()
    {
        using var api = ApiUnit.Create(s => s.AddSingleton<IAccessControl>(new AppServiceAccessControl(AuthEnabled())));
        var (status, body) = await api.CallAsync(ApiRoutes.TradingStop, body: "{\"reason\":\"x\"}",
            headers: new Dictionary<string, string> { [ClientPrincipal.Header] = ClientPrincipal.Encode("vic", "aad") });
        Assert.Equal(403, status);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal("forbidden", body.GetProperty("error_code").GetString());
        Assert.Equal("risk", body.GetProperty("module").GetString());
        Assert.Equal(0, api.TradingState.Writes);

        (status, body) = await api.CallAsync(ApiRoutes.TradingStop, body: "{\"reason\":\"x\"}");
        Assert.Equal(401, status);
        Assert.Equal("unauthorized", body.GetProperty("error_code").GetString());
        Assert.Equal(0, api.TradingState.Writes);

        (status, _) = await api.CallAsync(ApiRoutes.TradingStop, body: "{\"reason\":\"halt\"}",
            headers: new Dictionary<string, string> { [ClientPrincipal.Header] = ClientPrincipal.Encode("tom", "aad", LyraRoles.Trader) });
        Assert.Equal(200, status);
        Assert.Equal(1, api.TradingState.Writes);
    }

    [Fact]
    public async Task Locally_a_call_without_the_key_is_a_401_envelope()
    {
        var key = ApiKey.Generate();
        using var api = ApiUnit.Create(s => s.AddSingleton<IAccessControl>(new ApiKeyAccessControl(ApiKey.Hash(key))));
        var (status, body) = await api.CallAsync(ApiRoutes.TradingStart);
        Assert.Equal(401, status);
        Assert.Contains("X-Api-Key", body.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, api.TradingState.Writes);
        (status, _) = await api.CallAsync(ApiRoutes.TradingStart, headers: new Dictionary<string, string> { [ApiKey.Header] = key });
        Assert.Equal(200, status);
        Assert.Equal(1, api.TradingState.Writes);
    }

    private static IConfiguration AuthEnabled() =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppServiceAccessControl.AuthEnabledSetting] = "true" }).Build();
}
