namespace Lyra.Security.Vault;

/// <summary>What may be shown of a secret.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Masked">The value masked (<see cref="SecretMask"/>).</param>
/// <param name="Version">Version number (1 for the first value; a set on an existing name adds one).</param>
/// <param name="UpdatedAt">When the current value was set.</param>
public sealed record SecretInfo(string Name, string Masked, int Version, DateTimeOffset UpdatedAt);
