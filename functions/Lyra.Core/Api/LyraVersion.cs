using System.Reflection;

namespace Lyra.Core.Api;

/// <summary>The running Lyra version, read once from the assembly.</summary>
public static class LyraVersion
{
    /// <summary>Informational version of Lyra.Core without build metadata (for example <c>0.1.0</c>).</summary>
    public static string Current { get; } = Read();

    private static string Read()
    {
        var info = typeof(LyraVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? info : info[..plus];
    }
}
