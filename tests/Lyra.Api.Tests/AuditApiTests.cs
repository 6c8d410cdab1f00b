using Azure.Data.Tables;
using Lyra.Api.Routing;
using Lyra.Security.Access;
using Lyra.Security.Audit;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>GET /api/security/audit: every control call (allowed, refused, failed) and every secret read, hash-chained.</summary>
public sealed class AuditApiTests
{
    private static readonly Dictionary<string, string> Viewer = As("vic");
    private static readonly Dictionary<string, string> Trader = As("tom", LyraRoles.Trader);
    private static readonly Dictionary<string, string> Admin = As("ada", LyraRoles.Admin);

    [Fact]
    public async Task Control_calls_are_audited_with_who_what_and_outcome_and_a_changed_entry_breaks_the_chain()
    {
        await using var h = await ApiHarness.StartAsync(s => s.AddSingleton<IAccessControl>(new AppServiceAccessControl(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppServiceAccessControl.AuthEnabledSetting] = "true" }).Build())));

        Assert.Equal(403, (await ApiCall.InvokeAsync(h, ApiRoutes.TradingStop, body: "{\"reason\":\"x\"}", headers: Viewer)).Status);
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.TradingStop, body: "{\"reason\":\"halt\"}", headers: Trader)).Status);
        Assert.Equal(404, (await ApiCall.InvokeAsync(h, ApiRoutes.Approve, id: "no-such-decision", headers: Trader)).Status);
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.Status, headers: Trader)).Status); // a read: not audited
        Assert.Equal(403, (await ApiCall.InvokeAsync(h, ApiRoutes.SecurityAudit, headers: Trader)).Status); // admins only

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.SecurityAudit, "?kind=control&verify=true", headers: Admin);
        Assert.Equal(200, status);
        var entries = body.GetProperty("data").GetProperty("entries").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString(), Outcome: e.GetProperty("outcome").GetString(),
                Status: e.GetProperty("status").GetInt32(), Target: e.TryGetProperty("target", out var t) ? t.GetString() : null)).ToList();
        Assert.Equal(
        [
            ("SecurityAudit", "tom", "refused", 403, null),
            ("ApproveDecision", "tom", "failed", 404, "no-such-decision"),
            ("TradingStop", "tom", "done", 200, null),
            ("TradingStop", "vic", "refused", 403, null),
        ], entries);
        var chain = body.GetProperty("data").GetProperty("chain");
        Assert.True(chain.GetProperty("intact").GetBoolean(), chain.GetRawText());
        Assert.Equal(4, chain.GetProperty("entries").GetInt32());

        // Someone rewrites history: the refused stop becomes a success.
        var table = await h.Get<TableProvider>().GetAsync(AuditKinds.JournalName);
        var row = await table.QueryAsync<TableEntity>(e => e.PartitionKey == AuditKinds.Control).FirstAsync(e => TableDocumentText(e).Contains("\"vic\"", StringComparison.Ordinal));
        foreach (var key in row.Keys.Where(k => row[k] is string s && s.Contains("\"refused\"", StringComparison.Ordinal)).ToList())
        {
            row[key] = ((string)row[key]).Replace("\"refused\"", "\"done\"", StringComparison.Ordinal);
        }

        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        (_, body) = await ApiCall.InvokeAsync(h, ApiRoutes.SecurityAudit, "?verify=true", headers: Admin);
        chain = body.GetProperty("data").GetProperty("chain");
        Assert.False(chain.GetProperty("intact").GetBoolean());
        Assert.Equal("the entry was changed after it was chained", chain.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Secret_reads_noted_by_a_vault_are_written_to_the_audit_by_name_never_by_value()
    {
        await using var h = await ApiHarness.StartAsync();
        var reads = h.Get<SecretReads>();
        reads.Record("Lyra--Exchanges--gateio--ApiSecret", "key vault kv-test.vault.azure.net", found: true, DateTimeOffset.UtcNow);
        reads.Record("Lyra--OpenRouter--ApiKeys--0", "key vault kv-test.vault.azure.net", found: false, DateTimeOffset.UtcNow);
        Assert.True(await h.Get<SecretReadAuditor>().FlushAsync(CancellationToken.None));

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.SecurityAudit, "?kind=secret");
        Assert.Equal(200, status);
        var entries = body.GetProperty("data").GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(["Lyra--Exchanges--gateio--ApiSecret:read", "Lyra--OpenRouter--ApiKeys--0:missing"],
            entries.Select(e => e.GetProperty("target").GetString() + ":" + e.GetProperty("outcome").GetString()).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal(("secret.read", AuditLog.ThisHost, "key vault kv-test.vault.azure.net"),
            (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString(), e.GetProperty("detail").GetString())));
        Assert.Equal(JsonValueKindNull, body.GetProperty("data").GetProperty("chain").ValueKind);

        var (bad, error) = await ApiCall.InvokeAsync(h, ApiRoutes.SecurityAudit, "?kind=everything");
        Assert.Equal(400, bad);
        Assert.Equal("kind", error.GetProperty("details").GetProperty("field").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static string TableDocumentText(TableEntity e) => string.Concat(e.Select(p => p.Value).OfType<string>());

    private static Dictionary<string, string> As(string name, params string[] roles) =>
        new() { [ClientPrincipal.Header] = ClientPrincipal.Encode(name, "aad", roles) };
}
