using Lyra.Core.Errors;

namespace Lyra.Security.Vault;

/// <summary>
/// The vault cannot be opened or written: a wrong passphrase, a damaged or tampered file, a missing key. The message names
/// the file and what to do; it never contains a secret value.
/// </summary>
public sealed class VaultException(string message, Exception? inner = null) : LyraException(message, inner)
{
    /// <inheritdoc />
    public override string ErrorCode => ErrorCodes.Forbidden;
}
