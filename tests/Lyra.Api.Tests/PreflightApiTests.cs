using System.Text.Json;
using Lyra.Api.Routing;
using Lyra.Testing;
using Lyra.Testing.Venues;

namespace Lyra.Api.Tests;

/// <summary>GET /api/testing/validate: the preflight, against real storage, the durable engine and a loopback venue.</summary>
public sealed class PreflightApiTests
{
    [Fact]
    public async Task A_paper_deployment_passes_every_check()
    {
        await using var h = await ApiHarness.StartAsync();
        await h.SeedAsync(Enumerable.Range(0, 40).Select(i => 100m + i).ToList());
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.TestingValidate);
        Assert.Equal(200, status);
        var checks = Checks(body);
        Assert.True(body.GetProperty("data").GetProperty("passed").GetBoolean(), body.GetRawText());
        Assert.Equal("pass", checks[("configuration", "Lyra:Risk")].Status);
        Assert.Equal("pass", checks[("storage", "storage")].Status);
        Assert.Equal("pass", checks[("ai", "budget")].Status);
        Assert.Equal("pass", checks[("risk", "minimum order")].Status);
        Assert.Contains(checks.Keys, k => k.Area == "durable");
        Assert.Contains(checks.Keys, k => k.Area == "market_data");
    }

    [Fact]
    public async Task Contradicting_limits_and_a_key_that_may_withdraw_fail_with_their_reasons()
    {
        await using var okx = await FakeOkxServer.StartAsync();
        okx.Permissions = "read_only,withdraw,trade";
        await using var h = await ApiHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Lyra:Exchanges:okx:Enabled"] = "true",
            ["Lyra:Exchanges:okx:BaseUrl"] = okx.BaseAddress.ToString(),
            ["Lyra:Exchanges:okx:ApiKey"] = FakeOkxServer.ApiKey,
            ["Lyra:Exchanges:okx:ApiSecret"] = FakeOkxServer.ApiSecret,
            ["Lyra:Exchanges:okx:Passphrase"] = FakeOkxServer.Passphrase,
            ["Lyra:Risk:MaxPositionPercent"] = "10",
            ["Lyra:Risk:MaxExposurePercent"] = "5",
            ["Lyra:Risk:MinOrderNotional"] = "5000",
        });
        var (_, body) = await ApiCall.InvokeAsync(h, ApiRoutes.TestingValidate);
        var checks = Checks(body);
        Assert.False(body.GetProperty("data").GetProperty("passed").GetBoolean());
        Assert.Equal("fail", checks[("risk", "position vs exposure")].Status);
        Assert.Contains("MaxPositionPercent 10 exceeds MaxExposurePercent 5", checks[("risk", "position vs exposure")].Detail, StringComparison.Ordinal);
        Assert.Equal("fail", checks[("risk", "minimum order")].Status);
        Assert.Equal("pass", checks[("exchange", "okx clock")].Status);
        Assert.StartsWith("reachable", checks[("exchange", "okx clock")].Detail, StringComparison.Ordinal);
        Assert.Equal(("fail", "the key may withdraw: give Lyra a trade-only key"), checks[("exchange", "okx key")]);
        Assert.Equal("pass", checks[("configuration", "Lyra:Exchanges:okx")].Status);
        Assert.DoesNotContain(FakeOkxServer.ApiSecret, body.GetRawText(), StringComparison.Ordinal);

        // Down: the venue is reported unreachable, not thrown.
        await okx.DisposeAsync();
        (_, body) = await ApiCall.InvokeAsync(h, ApiRoutes.TestingValidate);
        var down = Checks(body)[("exchange", "okx clock")];
        Assert.Equal("fail", down.Status);
        Assert.StartsWith("okx is not reachable", down.Detail, StringComparison.Ordinal);
    }

    private static Dictionary<(string Area, string Name), (string Status, string Detail)> Checks(JsonElement body) =>
        body.GetProperty("data").GetProperty("checks").EnumerateArray().ToDictionary(
            c => (c.GetProperty("area").GetString()!, c.GetProperty("name").GetString()!),
            c => (c.GetProperty("status").GetString()!, c.GetProperty("detail").GetString()!));
}
