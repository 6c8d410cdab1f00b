using System.Text.Json;
using Lyra.Testing;

namespace Lyra.Functions.Tests;

/// <summary>The functions.metadata file the Functions SDK writes at build: what the Azure host will index.</summary>
internal static class FunctionMetadata
{
    public sealed record Binding(string Name, string Type, string Direction, JsonElement Raw)
    {
        public string? Get(string property) => Raw.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    public sealed record Function(string Name, IReadOnlyList<Binding> Bindings)
    {
        public Binding Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));
    }

    public static IReadOnlyList<Function> Load()
    {
        var config = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var path = Path.Combine(RepoPaths.Root, "functions", "Lyra.Functions", "bin", config, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), "functions.metadata not found at " + path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray().Select(f => new Function(
            f.GetProperty("name").GetString()!,
            f.GetProperty("bindings").EnumerateArray().Select(b => new Binding(
                b.GetProperty("name").GetString()!, b.GetProperty("type").GetString()!, b.GetProperty("direction").GetString()!, b.Clone())).ToList())).ToList();
    }
}
