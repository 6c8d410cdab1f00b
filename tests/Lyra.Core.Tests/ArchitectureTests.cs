using System.Xml.Linq;
using Lyra.Testing;

namespace Lyra.Core.Tests;

/// <summary>Module dependencies point down ARCHITECTURE.md's table; this test fails when a project references one above it.</summary>
public sealed class ArchitectureTests
{
    // The "may reference" column of the module table in ARCHITECTURE.md, row by row.
    private static readonly string[] DomainModules =
        ["Lyra.Core", "Lyra.Data", "Lyra.Strategies", "Lyra.Risk", "Lyra.Ai", "Lyra.Security", "Lyra.Exchanges", "Lyra.Monitoring", "Lyra.Notifications"];

    internal static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Lyra.Core"] = [],
        ["Lyra.Data"] = ["Lyra.Core"],
        ["Lyra.Strategies"] = ["Lyra.Core", "Lyra.Data"],
        ["Lyra.Risk"] = ["Lyra.Core", "Lyra.Data"],
        ["Lyra.Ai"] = ["Lyra.Core", "Lyra.Data"],
        ["Lyra.Security"] = ["Lyra.Core"],
        ["Lyra.Exchanges"] = ["Lyra.Core", "Lyra.Data", "Lyra.Security"],
        // Strategies: live analytics reuse the backtester's statistics (the same formulas, docs/metrics.md).
        ["Lyra.Monitoring"] = ["Lyra.Core", "Lyra.Data", "Lyra.Risk", "Lyra.Strategies"],
        ["Lyra.Notifications"] = ["Lyra.Core"],
        // Adapters implement the interfaces the modules above own.
        ["Lyra.Storage"] = DomainModules,
        // The flow glue sees stores as interfaces only: never Lyra.Storage.
        ["Lyra.Workflows"] = DomainModules,
        ["Lyra.Api"] = [.. DomainModules, "Lyra.Workflows"],
        ["Lyra.Web"] = ["Lyra.Api"],
        ["Lyra.Functions"] = ["Lyra.Api", "Lyra.Web", "Lyra.Workflows", "Lyra.Storage"],
        ["Lyra.Cli"] = ["Lyra.Api", "Lyra.Web", "Lyra.Workflows", "Lyra.Storage"],
    };

    // Packages that do I/O against Azure Storage, and the one project allowed to use them (Lyra.Cli hosts the durable engine on it).
    private static readonly IReadOnlyDictionary<string, string[]> AdapterPackages = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Azure.Data.Tables"] = ["Lyra.Storage"],
        ["Azure.Storage.Queues"] = ["Lyra.Storage"],
        ["Azure.Storage.Blobs"] = ["Lyra.Storage"],
        ["Microsoft.Azure.DurableTask.AzureStorage"] = ["Lyra.Cli"],
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

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadGraph() => Read("ProjectReference", path => Path.GetFileNameWithoutExtension(path.Replace('\\', '/')));

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadPackages() => Read("PackageReference", name => name);

    private static Dictionary<string, IReadOnlyList<string>> Read(string element, Func<string, string> name)
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        // One project per folder directly under functions/ (obj/ holds generated projects that are not ours).
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoPaths.Root, "functions")))
        {
            var csproj = Path.Combine(dir, Path.GetFileName(dir) + ".csproj");
            if (!File.Exists(csproj)) continue;
            var refs = XDocument.Load(csproj).Descendants(element).Select(e => name(e.Attribute("Include")!.Value)).ToList();
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
    public void Only_the_storage_adapter_talks_to_azure_storage()
    {
        var problems = ReadPackages()
            .SelectMany(p => p.Value.Where(AdapterPackages.ContainsKey).Where(pkg => !AdapterPackages[pkg].Contains(p.Key)).Select(pkg => $"{p.Key} must not reference {pkg}"))
            .ToList();
        Assert.Empty(problems);
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

    [Fact]
    public void Each_test_project_references_the_project_it_tests_and_the_fixtures()
    {
        // The host contract compares both hosts, so it references both; benchmarks drive whatever they measure; the
        // infrastructure tests compile infra/ (Bicep), which is no .NET project.
        var exceptions = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Lyra.Functions.Tests"] = ["Lyra.Functions", "Lyra.Cli", "Lyra.Testing"],
            ["Lyra.Infra.Tests"] = [],
        };
        var problems = new List<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoPaths.Root, "tests"), "*.Tests"))
        {
            var name = Path.GetFileName(dir);
            var csproj = Path.Combine(dir, name + ".csproj");
            if (!File.Exists(csproj)) continue;
            var refs = XDocument.Load(csproj).Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))).Order(StringComparer.Ordinal).ToList();
            var expected = (exceptions.GetValueOrDefault(name) ?? [name[..^".Tests".Length], "Lyra.Testing"]).Order(StringComparer.Ordinal).ToList();
            if (!refs.SequenceEqual(expected)) problems.Add($"{name} references {string.Join(", ", refs)}; expected {string.Join(", ", expected)}");
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_fixtures_do_not_drag_in_a_host()
    {
        var refs = XDocument.Load(Path.Combine(RepoPaths.Root, "tests", "Lyra.Testing", "Lyra.Testing.csproj")).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
        Assert.DoesNotContain("Lyra.Cli", refs);
        Assert.DoesNotContain("Lyra.Functions", refs);
    }
}
