using System.Globalization;
using System.Runtime.InteropServices;
using Lyra.Data.Memory;

namespace Lyra.Data.Tests;

/// <summary>Column arrays hold what is written to them, start at zero when asked, and sit in huge pages on Linux.</summary>
public sealed class ColumnArraysTests
{
    [Fact]
    public void Arrays_of_every_size_hold_what_is_written_and_zeroed_ones_start_at_zero()
    {
        foreach (var length in new[] { 0, 1, 1000, 1_000_000, 3_000_001 })
        {
            var zeroed = ColumnArrays.Zeroed<double>(length);
            Assert.Equal(length, zeroed.Length);
            Assert.All(zeroed, x => Assert.Equal(0, x));

            var times = ColumnArrays.Uninitialized<long>(length);
            for (var i = 0; i < length; i++) times[i] = i * 60_000L;
            for (var i = 0; i < length; i++) Assert.Equal(i * 60_000L, times[i]);
        }
    }

    [HugePagesFact]
    public void A_long_column_is_advised_into_huge_pages_on_linux()
    {
        var column = ColumnArrays.Uninitialized<double>(2_000_000); // 16 MB
        column.AsSpan().Fill(1.5);
        var pin = GCHandle.Alloc(column, GCHandleType.Pinned);
        try
        {
            // The mapping that holds the middle of the array carries the kernel's "hg" flag (MADV_HUGEPAGE).
            var flags = MappingFlags(pin.AddrOfPinnedObject() + (column.Length * sizeof(double) / 2));
            Assert.NotNull(flags);
            Assert.Contains("hg", flags.Split(' '));
            Assert.All(column, x => Assert.Equal(1.5, x));
        }
        finally
        {
            pin.Free();
        }
    }

    private sealed class HugePagesFactAttribute : FactAttribute
    {
        public HugePagesFactAttribute()
        {
            if (!OperatingSystem.IsLinux() || !File.Exists("/sys/kernel/mm/transparent_hugepage/enabled"))
            {
                Skip = "transparent huge pages are a Linux feature, and this kernel does not offer them";
            }
        }
    }

    // The VmFlags of the /proc/self/smaps entry whose range holds the address.
    private static string? MappingFlags(nint address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var from)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var to))
            {
                inside = (ulong)address >= from && (ulong)address < to;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Trim();
            }
        }

        return null;
    }
}
