using System.Xml.Linq;
using Lyra.Testing;

namespace Lyra.Core.Tests;

/// <summary>Module dependencies point down ARCHITECTURE.md's table; this test fails when a project references one above it.</summary>
public sealed class ArchitectureTests
{
    // The "may reference" column of the module table in ARCHITECTURE.md.
    internal static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Lyra.Core"] = [],
        ["Lyra.Data"] = ["Lyra.Core"],
        ["Lyra.Strategies"] = ["Lyra.Core", "Lyra.Data"],
        ["Lyra.Risk"] = ["Lyra.Core", "Lyra.Data"],
        ["Lyra.Ai"] = ["Lyra.Core", "Lyra.Data"],
        ["Lyra.Exchanges"] = ["Lyra.Core", "Lyra.Data", "Lyra.Security"],
        ["Lyra.Security"] = ["Lyra.Core"],
        ["Lyra.Monitoring"] = ["Lyra.Core", "Lyra.Data"],
        ["Lyra.Notifications"] = ["Lyra.Core"],
        ["Lyra.Workflows"] = ["Lyra.Core", "Lyra.Data", "Lyra.Strategies", "Lyra.Risk", "Lyra.Ai", "Lyra.Exchanges", "Lyra.Security", "Lyra.Monitoring", "Lyra.Notifications"],
        ["Lyra.Functions"] = ["Lyra.Workflows"],
        ["Lyra.Cli"] = ["Lyra.Workflows"],
    };

    internal static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, IReadOnlyList<string>> graph)
    {
        var problems = new List<string>();
        foreach (var (project, refs) in graph)
        {
            if (!Allowed.TryGetValue(project, out var allowed))
            {
                problems.Add($"{project} is not a module of ARCHITECTURE.md");
                continue;
            }

            foreach (var r in refs.Where(r => !allowed.Contains(r))) problems.Add($"{project} must not reference {r}");
        }

        return problems;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadGraph()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        // One project per folder directly under functions/ (obj/ holds generated projects that are not ours).
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoPaths.Root, "functions")))
        {
            var csproj = Path.Combine(dir, Path.GetFileName(dir) + ".csproj");
            if (!File.Exists(csproj)) continue;
            var refs = XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToList();
            graph[Path.GetFileNameWithoutExtension(csproj)] = refs;
        }

        return graph;
    }

    [Fact]
    public void Production_projects_reference_only_modules_below_them()
    {
        var graph = ReadGraph();
        Assert.Contains("Lyra.Workflows", graph.Keys);
        Assert.Empty(Violations(graph));
    }

    [Fact]
    public void A_reference_upwards_is_reported()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["Lyra.Data"] = ["Lyra.Core", "Lyra.Strategies"], ["Lyra.Core"] = ["Lyra.Workflows"] };
        var v = Violations(graph);
        Assert.Contains("Lyra.Data must not reference Lyra.Strategies", v);
        Assert.Contains("Lyra.Core must not reference Lyra.Workflows", v);
    }

    [Fact]
    public void A_project_outside_the_table_is_reported()
    {
        var v = Violations(new Dictionary<string, IReadOnlyList<string>> { ["Lyra.Misc"] = [] });
        Assert.Equal(["Lyra.Misc is not a module of ARCHITECTURE.md"], v);
    }
}
