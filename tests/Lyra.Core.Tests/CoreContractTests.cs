using System.ComponentModel.DataAnnotations;
using Lyra.Core.Health;
using Lyra.Core.Ids;
using Lyra.Core.Options;

namespace Lyra.Core.Tests;

public sealed class CoreContractTests
{
    [Fact]
    public void Deterministic_id_is_stable_and_separates_parts()
    {
        var a = DeterministicId.From("tf-", 24, "sma-cross", "binance:BTCUSDT:1m", "1700000000000");
        Assert.Equal(a, DeterministicId.From("tf-", 24, "sma-cross", "binance:BTCUSDT:1m", "1700000000000"));
        Assert.Equal(27, a.Length);
        Assert.StartsWith("tf-", a, StringComparison.Ordinal);
        Assert.NotEqual(DeterministicId.From("x", 16, "ab", "c"), DeterministicId.From("x", 16, "a", "bc"));
    }

    [Fact]
    public void Health_report_takes_the_worst_module_status()
    {
        Assert.Equal("healthy", HealthReport.From([new("a", "healthy", "", 0)]).Status);
        Assert.Equal("degraded", HealthReport.From([new("a", "healthy", "", 0), new("b", "degraded", "", 0)]).Status);
        Assert.Equal("unhealthy", HealthReport.From([new("a", "degraded", "", 0), new("b", "unhealthy", "", 0), new("c", "healthy", "", 0)]).Status);
    }

    private sealed class Inner
    {
        [Range(1, 10)] public int Level { get; set; } = 50;
    }

    private sealed class Outer
    {
        [Required] public string? Name { get; set; }
        public Inner Inner { get; set; } = new();
    }

    [Fact]
    public void Options_validator_names_every_failing_setting_by_its_full_key()
    {
        var failures = OptionsValidator.Validate(new Outer(), "Lyra:Test");
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Lyra:Test:Name:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Lyra:Test:Inner:Level:", StringComparison.Ordinal) && f.Contains("between 1 and 10", StringComparison.Ordinal));
        Assert.Empty(OptionsValidator.Validate(new Outer { Name = "x", Inner = new Inner { Level = 3 } }, "Lyra:Test"));
    }
}
