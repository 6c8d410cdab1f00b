using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Lyra.Core.Options;

/// <summary>
/// Lays the run-time overrides of <paramref name="section"/> over <typeparamref name="T"/> after it is bound from
/// configuration (before validation), and tells <c>IOptionsMonitor</c> to rebuild it when they change.
/// </summary>
/// <typeparam name="T">The options type bound to <paramref name="section"/>.</typeparam>
/// <param name="section">The configuration section, for example <c>Lyra:Risk</c>.</param>
/// <param name="values">The overrides to lay (all keys; those outside the section are ignored).</param>
/// <param name="changes">Where change notifications come from (null: never).</param>
public sealed class RuntimeOverrides<T>(string section, Func<IReadOnlyDictionary<string, string>> values, RuntimeSettings? changes) : IPostConfigureOptions<T>, IOptionsChangeTokenSource<T>
    where T : class
{
    /// <summary>The section.</summary>
    public string Section => section;

    /// <inheritdoc />
    public string? Name => Microsoft.Extensions.Options.Options.DefaultName;

    /// <inheritdoc />
    public void PostConfigure(string? name, T options)
    {
        var prefix = section + ":";
        var mine = values().Where(p => p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToDictionary(p => p.Key, p => (string?)p.Value);
        if (mine.Count == 0) return;
        new ConfigurationBuilder().AddInMemoryCollection(mine).Build().GetSection(section).Bind(options);
    }

    /// <inheritdoc />
    public IChangeToken GetChangeToken() => changes?.ChangeToken() ?? new CancellationChangeToken(CancellationToken.None);
}
