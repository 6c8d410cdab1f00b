namespace Lyra.Security.Vault;

/// <summary>Masks secret values for display: the last four characters of a long value, nothing of a short one.</summary>
public static class SecretMask
{
    /// <summary>Values shorter than this show no character at all.</summary>
    public const int MinLengthToHint = 16;

    /// <summary><c>****</c> plus the last four characters when the value has at least <see cref="MinLengthToHint"/>.</summary>
    public static string Mask(string value) =>
        value.Length >= MinLengthToHint ? "****" + value[^4..] : "****";
}
