using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lyra.Risk.Gate;
using Lyra.Testing;
using Microsoft.Extensions.Options;

namespace Lyra.Cli.Tests;

/// <summary>A setting changed through the local host's API is in force at once and again after the host restarts on the same storage.</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public async Task A_risk_limit_changed_at_run_time_survives_a_restart_of_the_host()
    {
        var name = Azurite.UniqueName("rt");
        var storage = new Dictionary<string, string?> { ["Lyra:Storage:TablePrefix"] = name, ["Lyra:Storage:QueuePrefix"] = name + "-" };
        await using (var first = await RunningHost.StartAsync(settings: storage))
        {
            using var update = await first.Http.PostAsync("/api/config/update",
                new StringContent("{\"settings\":{\"Lyra:Risk:MaxOpenPositions\":7}}", Encoding.UTF8, "application/json"));
            Assert.True(update.StatusCode == HttpStatusCode.OK, await update.Content.ReadAsStringAsync());
            Assert.Equal(7, first.Get<IOptionsMonitor<RiskLimits>>().CurrentValue.MaxOpenPositions);
        }

        await using var second = await RunningHost.StartAsync(settings: storage);
        Assert.Equal(7, second.Get<IOptionsMonitor<RiskLimits>>().CurrentValue.MaxOpenPositions);
        var settings = (await second.Http.GetFromJsonAsync<JsonElement>("/api/config/settings")).GetProperty("data").GetProperty("settings").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == "Lyra:Risk:MaxOpenPositions");
        Assert.Equal(("7", "runtime"), (settings.GetProperty("value").GetString(), settings.GetProperty("source").GetString()));
    }
}
