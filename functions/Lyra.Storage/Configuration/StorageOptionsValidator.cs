using Lyra.Core.Hosting;
using Lyra.Data.Updates;
using Microsoft.Extensions.Options;

namespace Lyra.Storage.Configuration;

/// <summary>Start-up validation of <see cref="StorageOptions"/>; each failure names its setting.</summary>
public sealed class StorageOptionsValidator(HostInfo host) : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var f = new List<string>();
        if (string.IsNullOrEmpty(options.TablePrefix) || !options.TablePrefix.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(options.TablePrefix[0]) || options.TablePrefix.Length > 20)
        {
            f.Add($"{StorageOptions.Section}:TablePrefix: '{options.TablePrefix}' must be 1-20 letters and digits starting with a letter");
        }

        if (options.QueuePrefix.Length > 20 || !options.QueuePrefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            f.Add($"{StorageOptions.Section}:QueuePrefix: '{options.QueuePrefix}' must be at most 20 lower-case letters, digits and hyphens");
        }

        if (host.Name == HostInfo.Functions && options.QueuePrefix.Length > 0)
        {
            f.Add($"{StorageOptions.Section}:QueuePrefix: must be empty under Azure Functions (the GenerateSignals trigger listens to '{QueueNames.MarketUpdates}')");
        }

        return f.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(f);
    }
}
