using System.Text.Json;
using System.Text.Json.Nodes;
using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Security.Audit;
using Lyra.Security.Vault;
using Lyra.Core.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Lyra.Api.Config;

/// <summary>
/// Lyra's settings: every effective one with where it comes from (secrets masked), a validation of them all as at
/// start-up, and the run-time changes of risk limits, voter weights and strategy parameters.
/// </summary>
public sealed class ConfigApi(IConfiguration configuration, RuntimeSettings runtime, RuntimeSettingsUpdater updater, IEnumerable<IRuntimeSection> sections,
    SettingsValidation validation, AuditLog audit, TimeProvider time) : IApiHandler
{
    private static readonly string[] SecretWords = ["key", "secret", "passphrase", "password", "token", "connectionstring", "sha256"];

    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.ConfigSettings, ApiRoutes.ConfigValidate, ApiRoutes.ConfigUpdate];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "ConfigSettings" => Task.FromResult(Settings(request)),
        "ConfigValidate" => Task.FromResult(Validate(request)),
        _ => UpdateAsync(request, cancellationToken),
    };

    private ApiResult Settings(ApiRequest request)
    {
        request.Query();
        var rows = new SortedDictionary<string, SettingRow>(StringComparer.OrdinalIgnoreCase);
        var providers = (configuration as IConfigurationRoot)?.Providers.ToList() ?? [];
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is null || !key.StartsWith("Lyra:", StringComparison.OrdinalIgnoreCase)) continue;
            var source = providers.LastOrDefault(p => p.TryGet(key, out _)) is { } p ? SourceOf(p) : "configuration";
            rows[key] = Row(key, value, source);
        }

        // Defaults of the run-time sections (what is in force although nobody set it), then the run-time overrides on top.
        foreach (var s in sections)
        {
            foreach (var (key, value) in Flatten(s.Section, JsonSerializer.SerializeToNode(s.Current)))
            {
                if (!rows.ContainsKey(key)) rows[key] = Row(key, value, "default");
            }
        }

        var kept = runtime.Current;
        foreach (var (key, value) in kept.Values) rows[key] = Row(key, value, "runtime");
        var answer = new SettingsReport([.. rows.Values], kept.UpdatedAt, kept.UpdatedBy, [.. RuntimeSettings.Changeable.Select(c => c.Prefix + (c.Prefix.EndsWith(':') ? "*" : ""))]);
        return ApiResult.Ok(answer, ApiRoutes.ConfigSettings.Module, time.GetUtcNow());
    }

    private ApiResult Validate(ApiRequest request)
    {
        request.Query();
        var checks = validation.Run();
        return ApiResult.Ok(new ValidationReport(checks.All(c => c.Valid), checks), ApiRoutes.ConfigValidate.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> UpdateAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<ConfigUpdateRequest>(required: true, ct) ?? throw new ValidationException("$", "body must be a JSON object");
        if (body.Settings is null) throw new ValidationException("settings", "settings is required: an object of setting keys and values (null removes a run-time value)");
        var changes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in body.Settings)
        {
            changes[key] = value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => throw new ValidationException(key, $"{key}: a value must be a string, a number, true/false or null"),
            };
        }

        var by = request.Caller?.Name ?? "unknown";
        var result = await updater.UpdateAsync(changes, by, ct);
        var changed = changes.Keys.Order(StringComparer.OrdinalIgnoreCase)
            .Select(k => new SettingChange(k, result.Before.Values.GetValueOrDefault(k) ?? configuration[k], result.After.Values.GetValueOrDefault(k) ?? configuration[k]))
            .ToList();
        await audit.RecordAsync(AuditKinds.Config, "config.update", by, request.Caller?.Via ?? "none", "done", string.Join(",", changed.Select(c => c.Key)),
            detail: string.Join("; ", changed.Select(c => $"{c.Key}: {c.Before ?? "(default)"} -> {c.After ?? "(default)"}")) + (body.Reason is { } r ? " (" + r + ")" : ""),
            cancellationToken: ct);
        return ApiResult.Ok(new ConfigUpdateResult(changed, result.After.Values, "the next decision"), ApiRoutes.ConfigUpdate.Module, time.GetUtcNow(),
            message: $"{changed.Count} setting(s) changed; in force from the next decision");
    }

    private static SettingRow Row(string key, string value, string source)
    {
        var last = key[(key.LastIndexOf(':') + 1)..].ToLowerInvariant();
        var secret = source == "vault" || SecretWords.Any(w => last.EndsWith(w, StringComparison.Ordinal)) || key.StartsWith("Lyra:OpenRouter:ApiKeys:", StringComparison.OrdinalIgnoreCase);
        return new SettingRow(key, secret ? SecretMask.Mask(value) : value, source, secret);
    }

    private static string SourceOf(IConfigurationProvider p) => p switch
    {
        EnvironmentVariablesConfigurationProvider => "environment",
        JsonConfigurationProvider j => "file " + j.Source.Path,
        MemoryConfigurationProvider => "host",
        _ when p.ToString() == "vault" => "vault",
        _ => p.GetType().Name.Replace("ConfigurationProvider", "", StringComparison.Ordinal).ToLowerInvariant(),
    };

    private static IEnumerable<(string Key, string Value)> Flatten(string prefix, JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Flatten(prefix + ":" + p.Key, p.Value)),
        JsonArray a => a.SelectMany((v, i) => Flatten(prefix + ":" + i, v)),
        null => [],
        _ => [(prefix, node.ToJsonString().Trim('"'))],
    };
}
