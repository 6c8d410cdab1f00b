using System.Text.Json.Nodes;

namespace Lyra.Infra.Tests;

/// <summary>
/// <c>infra/</c> compiles and lints clean with the real bicep compiler (bicepconfig.json makes every linter finding an
/// error), and the compiled ARM JSON meets the security baseline PSRule for Azure checks for these resource types.
/// </summary>
public sealed class BicepTests
{
    private static async Task<IReadOnlyList<ArmResource>> ResourcesAsync() => ArmTemplate.Resources(await Bicep.MainAsync());

    private static async Task<ArmResource> SingleAsync(string type) => Assert.Single(await ResourcesAsync(), r => r.Type == type);

    [Fact]
    public async Task Lint_and_build_are_clean()
    {
        var lint = await Bicep.RunAsync("lint", "main.bicep");
        Assert.True(lint.ExitCode == 0, lint.Stdout + lint.Stderr);
        Assert.Equal("", lint.Stderr.Trim());
        var build = await Bicep.RunAsync("build", "main.bicep", "--stdout");
        Assert.True(build.ExitCode == 0, build.Stderr);
        Assert.Equal("", build.Stderr.Trim()); // no warnings either
    }

    [Fact]
    public async Task The_linter_treats_its_findings_as_errors()
    {
        var config = await File.ReadAllTextAsync(Path.Combine(Bicep.InfraDirectory, "bicepconfig.json"));
        var rules = JsonNode.Parse(config, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!["analyzers"]!["core"]!["rules"]!.AsObject();
        Assert.True(rules.Count >= 30);
        // Every rule is an error except the two whose verdict depends on today's date (API and module versions age).
        Assert.Equal(["use-recent-api-versions", "use-recent-module-versions"], rules.Where(r => r.Value!["level"]!.GetValue<string>() != "error").Select(r => r.Key).Order());
    }

    [Fact]
    public async Task Azd_finds_its_conventions()
    {
        var main = await Bicep.MainAsync();
        Assert.Contains("subscriptionDeploymentTemplate", main["$schema"]!.GetValue<string>(), StringComparison.Ordinal); // targetScope = subscription
        Assert.Equal(["alertEmail", "authClientId", "environmentName", "location", "maximumInstanceCount", "principalId"], main["parameters"]!.AsObject().Select(p => p.Key).Order());
        var outputs = main["outputs"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("AZURE_FUNCTION_APP_NAME", outputs);
        Assert.Contains("AZURE_KEY_VAULT_ENDPOINT", outputs);
        Assert.Contains("AZURE_RESOURCE_GROUP", outputs);
        var rg = await SingleAsync("Microsoft.Resources/resourceGroups");
        Assert.Equal("[variables('tags')]", rg.Body["tags"]!.GetValue<string>());
        Assert.Equal("[parameters('environmentName')]", main["variables"]!["tags"]!["azd-env-name"]!.GetValue<string>());
        var site = await SingleAsync("Microsoft.Web/sites");
        Assert.Contains("'azd-service-name', parameters('serviceName')", site.Body["tags"]!.GetValue<string>(), StringComparison.Ordinal);
        var serviceName = site.Template["parameters"]!["serviceName"]!["defaultValue"]!.GetValue<string>();
        var azureYaml = await File.ReadAllTextAsync(Path.Combine(Bicep.InfraDirectory, "..", "azure.yaml"));
        Assert.Contains($"  {serviceName}:\n    project: ./functions/Lyra.Functions", azureYaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var parameters = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")))!["parameters"]!.AsObject();
        Assert.Equal(["alertEmail", "authClientId", "environmentName", "location", "principalId"], parameters.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task The_function_app_is_flex_consumption_https_only_and_runs_as_its_identity()
    {
        var plan = await SingleAsync("Microsoft.Web/serverfarms");
        Assert.Equal(("FC1", "FlexConsumption"), (plan.Body["sku"]!["name"]!.GetValue<string>(), plan.Body["sku"]!["tier"]!.GetValue<string>()));
        var site = await SingleAsync("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site.Body["kind"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site.Body["identity"]!["type"]!.GetValue<string>());
        Assert.True(site.Property("httpsOnly")!.GetValue<bool>());
        Assert.Equal(("1.2", "1.2", "Disabled"), (site.Text("siteConfig.minTlsVersion"), site.Text("siteConfig.scmMinTlsVersion"), site.Text("siteConfig.ftpsState")));
        Assert.False(site.Property("siteConfig.remoteDebuggingEnabled")!.GetValue<bool>());
        Assert.Equal("dotnet-isolated", site.Text("functionAppConfig.runtime.name"));
        Assert.Equal("10.0", site.Template["parameters"]!["dotnetVersion"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", site.Text("functionAppConfig.deployment.storage.authentication.type"));
        var publishing = (await ResourcesAsync()).Where(r => r.Type == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, publishing.Count);
        Assert.All(publishing, p => Assert.False(p.Property("allow")!.GetValue<bool>()));
    }

    [Fact]
    public async Task Every_connection_is_identity_based_and_no_secret_is_in_a_setting_or_output()
    {
        var settings = Assert.Single(await ResourcesAsync(), r => r.Type == "Microsoft.Web/sites/config" && r.Body["name"]!.ToString().Contains("'appsettings'", StringComparison.Ordinal));
        var text = settings.Body["properties"]!.GetValue<string>(); // one expression: the values exist only at deployment
        foreach (var name in new[] { "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri", "ServiceBusConnection__fullyQualifiedNamespace", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID", "Lyra__KeyVault__Uri" })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", text, StringComparison.Ordinal);
        Assert.Contains("'ServiceBusConnection__credential', 'managedidentity'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("'AzureWebJobsStorage',", text, StringComparison.Ordinal); // no connection string
        var main = (await Bicep.MainAsync()).ToJsonString();
        Assert.Contains("Lyra__Events__ServiceBus__Namespace", main, StringComparison.Ordinal); // trade events go to the topic with the identity
        var all = (await Bicep.MainAsync()).ToJsonString();
        foreach (var secretish in new[] { "listKeys(", "listSecrets(", "listConnectionStrings(", "AccountKey=", "SharedAccessKey" })
        {
            Assert.DoesNotContain(secretish, all, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("securestring", all, StringComparison.OrdinalIgnoreCase); // no secret is a parameter at all
    }

    [Fact]
    public async Task App_service_authentication_hands_control_routes_a_signed_in_caller_when_an_app_registration_is_given()
    {
        var auth = Assert.Single(await ResourcesAsync(), r => r.Type == "Microsoft.Web/sites/config" && r.Body["name"]!.ToString().Contains("'authsettingsV2'", StringComparison.Ordinal));
        Assert.Equal("[not(empty(parameters('authClientId')))]", auth.Body["condition"]!.GetValue<string>());
        Assert.True(auth.Property("platform.enabled")!.GetValue<bool>());
        // Anonymous requests still reach the app: read routes have function keys, and Lyra refuses control routes without a role.
        Assert.Equal("AllowAnonymous", auth.Text("globalValidation.unauthenticatedClientAction"));
        Assert.False(auth.Property("globalValidation.requireAuthentication")!.GetValue<bool>());
        Assert.True(auth.Property("identityProviders.azureActiveDirectory.enabled")!.GetValue<bool>());
        Assert.Contains("tenant().tenantId", auth.Property("identityProviders.azureActiveDirectory.registration.openIdIssuer")!.ToString(), StringComparison.Ordinal);
        Assert.Null(auth.Property("identityProviders.azureActiveDirectory.registration.clientSecretSettingName")); // tokens are validated; no secret
    }

    [Fact]
    public async Task Storage_takes_identities_only_over_tls_1_2_and_shares_no_blob()
    {
        var s = await SingleAsync("Microsoft.Storage/storageAccounts");
        Assert.False(s.Property("allowSharedKeyAccess")!.GetValue<bool>());
        Assert.False(s.Property("allowBlobPublicAccess")!.GetValue<bool>());
        Assert.True(s.Property("supportsHttpsTrafficOnly")!.GetValue<bool>());
        Assert.Equal("TLS1_2", s.Text("minimumTlsVersion"));
        var container = await SingleAsync("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", container.Text("publicAccess"));
    }

    [Fact]
    public async Task Key_vault_uses_rbac_with_soft_delete_and_purge_protection()
    {
        var kv = await SingleAsync("Microsoft.KeyVault/vaults");
        Assert.True(kv.Property("enableRbacAuthorization")!.GetValue<bool>());
        Assert.True(kv.Property("enableSoftDelete")!.GetValue<bool>());
        Assert.True(kv.Property("enablePurgeProtection")!.GetValue<bool>());
        Assert.Equal(90, kv.Property("softDeleteRetentionInDays")!.GetValue<int>());
        Assert.Null(kv.Property("accessPolicies"));
    }

    [Fact]
    public async Task Service_bus_and_application_insights_accept_entra_id_only()
    {
        var sb = await SingleAsync("Microsoft.ServiceBus/namespaces");
        Assert.True(sb.Property("disableLocalAuth")!.GetValue<bool>());
        Assert.Equal("1.2", sb.Text("minimumTlsVersion"));
        var topic = await SingleAsync("Microsoft.ServiceBus/namespaces/topics");
        Assert.True(topic.Property("requiresDuplicateDetection")!.GetValue<bool>());
        Assert.Equal("trade-events", topic.Template["parameters"]!["topicName"]!["defaultValue"]!.GetValue<string>());
        var ai = await SingleAsync("Microsoft.Insights/components");
        Assert.True(ai.Property("DisableLocalAuth")!.GetValue<bool>());
        var la = await SingleAsync("Microsoft.OperationalInsights/workspaces");
        Assert.True(la.Property("features.disableLocalAuth")!.GetValue<bool>());
    }

    [Fact]
    public async Task Diagnostics_go_to_log_analytics_for_the_app_storage_vault_and_service_bus()
    {
        var scopes = (await ResourcesAsync()).Where(r => r.Type == "Microsoft.Insights/diagnosticSettings").Select(r => r.Body["scope"]!.GetValue<string>()).ToList();
        foreach (var type in new[] { "Microsoft.Web/sites", "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults", "Microsoft.ServiceBus/namespaces" })
        {
            Assert.Contains(scopes, s => s.StartsWith($"[resourceId('{type}',", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_identity_gets_exactly_the_roles_the_app_uses()
    {
        var assignments = (await ResourcesAsync()).Where(r => r.Type == "Microsoft.Authorization/roleAssignments").ToList();
        var ids = assignments[0].Template["variables"]!["roles"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["storageBlobDataOwner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            ["storageQueueDataContributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
            ["storageTableDataContributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            ["keyVaultSecretsUser"] = "4633458b-17de-408a-b874-0445c86b69e6",
            ["keyVaultSecretsOfficer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
            ["serviceBusDataSender"] = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
            ["monitoringMetricsPublisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        }, ids);
        // Each role is used once, on its own resource; no Owner, Contributor or data-owner role on a scope wider than a resource.
        var text = string.Join("\n", assignments.Select(a => a.Body.ToJsonString()));
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", text, StringComparison.Ordinal); // Owner
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", text, StringComparison.Ordinal); // Contributor
        Assert.All(assignments, a => Assert.NotNull(a.Body["scope"]));
        var officer = Assert.Single(assignments, a => a.Body["properties"]!["roleDefinitionId"]!.GetValue<string>().Contains("keyVaultSecretsOfficer", StringComparison.Ordinal));
        Assert.Equal("[not(empty(parameters('userPrincipalId')))]", officer.Body["condition"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failures_and_lyras_paging_alerts_reach_the_action_group()
    {
        var rules = (await ResourcesAsync()).Where(r => r.Type == "Microsoft.Insights/scheduledQueryRules").ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Contains("actionGroups", r.Body["properties"]!["actions"]!.ToJsonString(), StringComparison.Ordinal));
        var kinds = rules[0].Template["parameters"]!["pagingAlertKinds"]!["defaultValue"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
        Assert.Contains("drawdown_breaker", kinds);
        Assert.Contains("exchange_down", kinds);
        var group = await SingleAsync("Microsoft.Insights/actionGroups");
        Assert.Contains("alertEmail", group.Body["properties"]!["emailReceivers"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
