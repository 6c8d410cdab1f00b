using Lyra.Api.Routing;
using Lyra.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Tests;

/// <summary>The notification routes over a configured webhook channel on loopback.</summary>
public sealed class NotificationsApiTests
{
    [Fact]
    public async Task A_message_and_an_alert_reach_the_channel_and_the_channel_list_shows_the_last_delivery_but_not_the_url()
    {
        var bodies = new List<string>();
        var (receiver, root) = await LoopbackServer.StartAsync(a => a.MapPost("/hooks/{*rest}", async (HttpContext ctx) =>
        {
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            lock (bodies) bodies.Add(body);
            ctx.Response.StatusCode = 200;
            await ctx.Response.WriteAsync("ok");
        }));
        await using var _ = receiver;
        await using var h = await ApiHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Lyra:Notifications:Channels:ops:Type"] = "slack",
            ["Lyra:Notifications:Channels:ops:Url"] = new Uri(root, "hooks/T01/B02/xoxsecretpath").ToString(),
            ["Lyra:Notifications:Routes:0:MinSeverity"] = "warning",
            ["Lyra:Notifications:Routes:0:Channels:0"] = "ops",
        });

        var (status, sent) = await ApiCall.InvokeAsync(h, ApiRoutes.NotificationSend, body: "{\"title\":\"hello\",\"body\":\"from the test\",\"channel\":\"ops\"}");
        Assert.True(status == 200, sent.GetRawText());
        Assert.True(Assert.Single(sent.GetProperty("data").EnumerateArray()).GetProperty("delivered").GetBoolean());
        var (_, alert) = await ApiCall.InvokeAsync(h, ApiRoutes.NotificationAlert, body: "{\"kind\":\"exchange_down\",\"message\":\"gateio does not answer\"}");
        Assert.Equal("delivered to 1 of 1 channel(s)", alert.GetProperty("message").GetString());
        var (_, info) = await ApiCall.InvokeAsync(h, ApiRoutes.NotificationAlert, body: "{\"kind\":\"exchange_down\",\"message\":\"fyi\",\"severity\":\"info\"}");
        Assert.Equal("no route takes this notification", info.GetProperty("message").GetString());
        lock (bodies) Assert.Equal(["{\"text\":\"*[INFO] hello*\\nfrom the test\"}", "{\"text\":\"*[WARNING] exchange_down: gateio does not answer*\\ngateio does not answer\"}"], bodies);

        var (_, channels) = await ApiCall.InvokeAsync(h, ApiRoutes.NotificationChannels);
        var ops = Assert.Single(channels.GetProperty("data").EnumerateArray());
        Assert.Equal(("ops", "slack", "127.0.0.1"), (ops.GetProperty("name").GetString(), ops.GetProperty("type").GetString(), ops.GetProperty("host").GetString()));
        Assert.True(ops.GetProperty("last_delivery").GetProperty("delivered").GetBoolean());
        Assert.DoesNotContain("xoxsecretpath", channels.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.NotificationSend, body: "{\"title\":\"x\",\"severity\":\"loud\"}")).Status);
        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.NotificationSend, body: "{\"title\":\"x\",\"channel\":\"nope\"}")).Status);
    }
}
