using System.Text.Json.Nodes;

namespace Lyra.Infra.Tests;

/// <summary>A resource of a compiled template, with the module (nested deployment) it came from.</summary>
/// <param name="Module">The module's deployment name (<c>main</c> for the top level).</param>
/// <param name="Type">Resource type.</param>
/// <param name="Body">The resource as compiled.</param>
/// <param name="Template">The template it is declared in (for its variables).</param>
internal sealed record ArmResource(string Module, string Type, JsonObject Body, JsonObject Template)
{
    /// <summary>A property under <c>properties</c>, by dotted path; null when absent.</summary>
    public JsonNode? Property(string path)
    {
        JsonNode? node = Body["properties"];
        foreach (var part in path.Split('.')) node = node?[part];
        return node;
    }

    /// <summary>A property's literal string (fails on an expression).</summary>
    public string? Text(string path) => Property(path)?.GetValue<object>()?.ToString();
}

/// <summary>Walks a compiled ARM template, nested deployments (Bicep modules) included.</summary>
internal static class ArmTemplate
{
    /// <summary>Every resource in <paramref name="template"/> and its modules.</summary>
    public static IReadOnlyList<ArmResource> Resources(JsonObject template) => [.. Walk("main", template)];

    private static IEnumerable<ArmResource> Walk(string module, JsonObject template)
    {
        // Bicep 0.3x+ may write resources as an object keyed by symbolic name (languageVersion 2.0) or as an array.
        var resources = template["resources"] switch
        {
            JsonArray a => a.Select(r => r!.AsObject()),
            JsonObject o => o.Select(p => p.Value!.AsObject()),
            _ => [],
        };
        foreach (var r in resources)
        {
            var type = r["type"]!.GetValue<string>();
            if (type == "Microsoft.Resources/deployments")
            {
                var name = r["name"]!.GetValue<string>();
                foreach (var inner in Walk(name, r["properties"]!["template"]!.AsObject())) yield return inner;
                continue;
            }

            yield return new ArmResource(module, type, r, template);
        }
    }
}
