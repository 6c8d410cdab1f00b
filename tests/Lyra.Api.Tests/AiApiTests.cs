using System.Text.Json;
using Lyra.Core.Trading;
using Lyra.Testing;
using Lyra.Api.Routing;
using Lyra.Core.Journals;
using Lyra.Workflows.Orchestration;
using Lyra.Exchanges.Orders;

namespace Lyra.Api.Tests;

/// <summary>The /api/ai routes against the loopback OpenAI-compatible server and Azurite.</summary>
public sealed class AiApiTests
{
    private static Dictionary<string, string?> Settings(FakeOpenAiServer server, bool key = true)
    {
        var d = new Dictionary<string, string?>
        {
            ["Lyra:OpenRouter:BaseUrl"] = server.BaseUrl,
            ["Lyra:OpenRouter:Models:0"] = "acme/alpha",
            ["Lyra:OpenRouter:Models:1"] = "acme/beta",
            ["Lyra:OpenRouter:Roles:1"] = "a macro economist",
        };
        if (key) d["Lyra:OpenRouter:ApiKeys:0"] = "sk-or-test-0042";
        return d;
    }

    private static string Error(JsonElement e) => e.GetProperty("error_code").GetString() + ": " + e.GetProperty("error_message").GetString();

    [Fact]
    public async Task A_query_goes_to_the_cheapest_fitting_model_and_is_priced_and_counted()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new FakeOpenAiServer.Reply(200, "BTC is a cryptocurrency.", PromptTokens: 1000, CompletionTokens: 100);
        await using var h = await ApiHarness.StartAsync(settings: Settings(server));

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.AiQuery, body: "{\"prompt\":\"What is BTC?\",\"system\":\"Be brief.\"}");
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        Assert.Equal(("acme/alpha", "BTC is a cryptocurrency."), (data.GetProperty("model").GetString(), data.GetProperty("text").GetString()));
        Assert.Equal(0.0012m, data.GetProperty("cost_usd").GetDecimal()); // 1000 × $1/M + 100 × $2/M
        Assert.Equal(["Be brief.", "What is BTC?"], Assert.Single(server.Requests).Messages);
        Assert.Equal(["acme/alpha", "acme/beta"], data.GetProperty("selection").EnumerateArray().Select(c => c.GetProperty("model").GetString()));

        var (_, costs) = await ApiCall.InvokeAsync(h, ApiRoutes.AiCosts);
        var today = costs.GetProperty("data").GetProperty("today");
        Assert.Equal(0.0012m, today.GetProperty("total_usd").GetDecimal());
        Assert.Equal("acme/alpha", today.GetProperty("models")[0].GetProperty("model").GetString());

        var (named, _) = await ApiCall.InvokeAsync(h, ApiRoutes.AiQuery, body: "{\"prompt\":\"Again\",\"model\":\"acme/beta\"}");
        Assert.Equal(200, named);
        Assert.Equal("acme/beta", server.Requests.Last().Model);
    }

    [Fact]
    public async Task Bad_queries_are_400_naming_the_field_and_budget_or_provider_trouble_has_its_own_status()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var settings = Settings(server);
        settings["Lyra:Ai:DailyBudgetUsd"] = "0.0001";
        await using var h = await ApiHarness.StartAsync(settings: settings);
        async Task<(int, JsonElement)> Ask(string json) => await ApiCall.InvokeAsync(h, ApiRoutes.AiQuery, body: json);

        var (s1, e1) = await Ask("{}");
        Assert.Equal((400, "prompt"), (s1, e1.GetProperty("details").GetProperty("field").GetString()));
        var (s2, e2) = await Ask("{\"prompt\":\"x\",\"model\":\"other/model\"}");
        Assert.Equal((400, "model"), (s2, e2.GetProperty("details").GetProperty("field").GetString()));
        Assert.Contains("configured: acme/alpha, acme/beta", Error(e2), StringComparison.Ordinal);
        var (s3, e3) = await Ask("{\"prompt\":\"x\",\"max_cost_usd\":0.0000001}");
        Assert.Equal(400, s3);
        Assert.Contains("no configured model fits: acme/alpha: expected cost", Error(e3), StringComparison.Ordinal);
        var (s4, e4) = await Ask("{\"prompt\":\"x\",\"task\":\"poetry\"}");
        Assert.Equal((400, "task"), (s4, e4.GetProperty("details").GetProperty("field").GetString()));

        server.Script(new FakeOpenAiServer.Reply(500, "provider down"));
        var (s5, e5) = await Ask("{\"prompt\":\"x\"}");
        Assert.Equal(503, s5);
        Assert.Contains("failed with HTTP 500", Error(e5), StringComparison.Ordinal);

        Assert.Equal(200, (await Ask("{\"prompt\":\"spend\"}")).Item1); // $0.00018 > the $0.0001 budget
        var before = server.Requests.Count;
        var (s6, e6) = await Ask("{\"prompt\":\"one more\"}");
        Assert.Equal(429, s6);
        Assert.StartsWith("budget_exhausted: budget: total daily budget $0.0001 reached", Error(e6), StringComparison.Ordinal);
        Assert.Equal(before, server.Requests.Count);
    }

    [Fact]
    public async Task Without_a_key_queries_say_which_setting_is_missing_and_the_models_page_says_the_panel_is_offline()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var h = await ApiHarness.StartAsync(settings: Settings(server, key: false));
        var (status, error) = await ApiCall.InvokeAsync(h, ApiRoutes.AiQuery, body: "{\"prompt\":\"x\"}");
        Assert.Equal(503, status);
        Assert.Contains("Lyra:OpenRouter:ApiKeys", Error(error), StringComparison.Ordinal);

        var (ok, models) = await ApiCall.InvokeAsync(h, ApiRoutes.AiModels);
        Assert.Equal(200, ok);
        var data = models.GetProperty("data");
        Assert.Equal(0, data.GetProperty("keys").GetInt32());
        Assert.Equal(["trend", "mean-reversion", "volatility-regime"], data.GetProperty("offline_voters").EnumerateArray().Select(v => v.GetString()));
        var beta = data.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "acme/beta");
        Assert.Equal((3m, 15m, 8192, "a macro economist", false), (beta.GetProperty("prompt_usd_per_million").GetDecimal(), beta.GetProperty("completion_usd_per_million").GetDecimal(),
            beta.GetProperty("context_length").GetInt32(), beta.GetProperty("role").GetString(), beta.GetProperty("on_panel").GetBoolean()));
        Assert.Contains("offline analysts", models.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_panel_can_be_asked_about_a_market_now_without_trading_and_performance_shows_what_was_measured()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = FakeOpenAiServer.Reply.Vote("buy", 0.9);
        var settings = Settings(server);
        settings["Lyra:Trading:Voters:0"] = "trend";
        settings["Lyra:Trading:Voters:1"] = "mean-reversion";
        settings["Lyra:Trading:Voters:2"] = "llm:acme/beta";
        await using var h = await ApiHarness.StartAsync(settings: settings);
        var candles = await h.SeedAsync(Enumerable.Range(0, 80).Select(i => 100m + (i * 0.3m)).ToList());

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.AiConsensus, body: "{\"market\":\"replay:BTCUSDT:1m\",\"action\":\"buy\"}");
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        Assert.Equal(candles[^1].OpenTime, data.GetProperty("candle_time").GetDateTimeOffset());
        var votes = data.GetProperty("consensus").GetProperty("votes").EnumerateArray().ToList();
        Assert.Equal(["trend", "mean-reversion", "llm:acme/beta"], votes.Select(v => v.GetProperty("voter").GetString()));
        Assert.StartsWith("You are a macro economist", server.Requests.Single().Messages[0], StringComparison.Ordinal);
        Assert.Equal(data.GetProperty("prompt").GetString(), server.Requests.Single().Messages[1]);
        Assert.Equal(3, data.GetProperty("consensus").GetProperty("tally").GetArrayLength());
        Assert.True(data.GetProperty("cost_usd").GetDecimal() > 0);
        Assert.Empty(await h.Get<IJournalStore<DecisionJournal>>().ListAsync(new JournalQuery(Limit: 10)));
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));

        var (bad, error) = await ApiCall.InvokeAsync(h, ApiRoutes.AiConsensus, body: "{\"market\":\"replay:BTCUSDT:1m\",\"action\":\"buy\",\"voters\":[\"trend\",\"oracle\"]}");
        Assert.Equal((400, "voters[1]"), (bad, error.GetProperty("details").GetProperty("field").GetString()));
        var (none, _) = await ApiCall.InvokeAsync(h, ApiRoutes.AiConsensus, body: "{\"market\":\"replay:ETHUSDT:1m\",\"action\":\"buy\"}");
        Assert.Equal(400, none);

        // A decided flow is what the performance tracker counts.
        await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        var (_, perf) = await ApiCall.InvokeAsync(h, ApiRoutes.AiPerformance);
        var rows = perf.GetProperty("data").EnumerateArray().ToDictionary(r => r.GetProperty("voter").GetString()!);
        Assert.Equal(["trend", "mean-reversion", "llm:acme/beta"], rows.Keys);
        var beta = rows["llm:acme/beta"];
        Assert.Equal((1, 1, 0, "acme/beta"), (beta.GetProperty("calls").GetInt32(), beta.GetProperty("answered").GetInt32(), beta.GetProperty("errors").GetInt32(), beta.GetProperty("model").GetString()));
        Assert.True(beta.GetProperty("latency_p95_ms").GetDouble() > 0);
        Assert.True(beta.GetProperty("cost_usd").GetDecimal() > 0);
        Assert.Equal(1.0, beta.GetProperty("weight").GetDouble()); // no closed trade yet
    }
}
