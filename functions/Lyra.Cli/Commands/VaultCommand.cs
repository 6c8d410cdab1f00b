using System.CommandLine;
using System.Globalization;
using System.Text;
using Lyra.Cli.Hosting;
using Lyra.Core.Errors;
using Lyra.Security.Vault;

namespace Lyra.Cli.Commands;

/// <summary>
/// <c>lyra vault set|list|rm|rotate</c>: the local encrypted vault of exchange and model keys. A value is read from
/// standard input (typed without echo at a terminal), never from the command line, where it would stay in the shell's
/// history and the process list; nothing prints a value.
/// </summary>
public static class VaultCommand
{
    /// <summary>Environment variable naming the vault file (default: <c>vault.json</c> in the data directory).</summary>
    public const string FileVariable = "LYRA_VAULT_FILE";

    /// <summary>The vault file when neither <c>--vault</c> nor <see cref="FileVariable"/> names one.</summary>
    public static string DefaultFile => Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } f ? f : Path.Combine(DataDirectory.Default, "vault.json");

    /// <summary>Builds the command.</summary>
    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var file = new Option<string?>("--vault")
        {
            Description = $"The vault file (default: ${FileVariable}, else {Path.Combine(DataDirectory.Default, "vault.json")}). Unlocked by ${VaultKey.PassphraseVariable} or ${VaultKey.KeyVariable} (32 random bytes, base64), else a passphrase typed at the terminal.",
            Recursive = true,
        };

        var setName = new Argument<string>("name") { Description = "Secret name: letters, digits and dashes, or a setting key (Lyra:Exchanges:gateio:ApiSecret is stored as Lyra--Exchanges--gateio--ApiSecret)." };
        var set = new Command("set", "Set a secret; its value is read from standard input (typed without echo at a terminal). The previous value is kept as an older version.") { setName };
        set.SetAction((p, ct) => Guard(error, async () =>
        {
            var name = SecretName.Normalize(p.GetValue(setName)!);
            var vault = Open(p.GetValue(file), output, creating: true);
            var value = ReadValue(input, output, name);
            await vault.SetAsync(name, value, ct);
            var info = (await vault.ListAsync(ct)).Single(s => s.Name == name);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lyra: set {name} (version {info.Version}) in {vault.Path}"));
            return 0;
        }));

        var list = new Command("list", "List the secrets with masked values.");
        list.SetAction((p, ct) => Guard(error, async () =>
        {
            var path = Resolve(p.GetValue(file));
            if (!File.Exists(path))
            {
                output.WriteLine($"lyra: no vault at {path}");
                return 0;
            }

            var secrets = await Open(path, output, creating: false).ListAsync(ct);
            var width = Math.Max(4, secrets.Count == 0 ? 0 : secrets.Max(s => s.Name.Length));
            output.WriteLine($"{"NAME".PadRight(width)}  {"VALUE",-8}  VERSION  UPDATED (UTC)");
            foreach (var s in secrets)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Name.PadRight(width)}  {s.Masked,-8}  {s.Version,7}  {s.UpdatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}"));
            }

            output.WriteLine($"{secrets.Count} secret(s) in {path}");
            return 0;
        }));

        var rmName = new Argument<string>("name") { Description = "The secret to remove (with all its versions)." };
        var rm = new Command("rm", "Remove a secret with all its versions.") { rmName };
        rm.SetAction((p, ct) => Guard(error, async () =>
        {
            var name = SecretName.Normalize(p.GetValue(rmName)!);
            var path = Resolve(p.GetValue(file));
            if (!File.Exists(path)) throw new ValidationException("name", $"there is no vault at {path}, so no secret '{name}'");
            var vault = Open(path, output, creating: false);
            if (!await vault.RemoveAsync(name, ct)) throw new ValidationException("name", $"there is no secret '{name}' in {vault.Path}");
            output.WriteLine($"lyra: removed {name} from {vault.Path}");
            return 0;
        }));

        var rotate = new Command("rotate",
            $"Re-encrypt the vault under a new passphrase (${VaultKey.NewPassphraseVariable}) or key (${VaultKey.NewKeyVariable}), else one typed twice at the terminal.");
        rotate.SetAction((p, ct) => Guard(error, async () =>
        {
            var path = Resolve(p.GetValue(file));
            if (!File.Exists(path)) throw new VaultException($"there is no vault at {path} to rotate");
            var vault = Open(path, output, creating: false);
            await vault.ListAsync(ct); // Proves the current key before asking for a new one.
            var next = VaultKey.FromEnvironment(VaultKey.NewKeyVariable, VaultKey.NewPassphraseVariable)
                ?? VaultKey.FromPassphrase(Prompt(output, "new vault passphrase", confirm: true));
            await vault.RotateAsync(next, ct);
            output.WriteLine($"lyra: re-encrypted {vault.Path} under the new {(next.IsPassphrase ? "passphrase" : "key")}; use it from now on");
            return 0;
        }));

        return new Command("vault", "The local encrypted vault (AES-256-GCM) for exchange and model keys; lyra run reads it as settings.") { file, set, list, rm, rotate };
    }

    /// <summary>The vault file <paramref name="option"/> names, or the default.</summary>
    public static string Resolve(string? option) => Path.GetFullPath(option ?? DefaultFile);

    /// <summary>
    /// Opens the vault at <paramref name="path"/> with the key from the environment, else a passphrase typed at the terminal
    /// (twice when the file is new).
    /// </summary>
    /// <exception cref="VaultException">No key in the environment and no terminal to ask.</exception>
    public static LocalFileVault Open(string? path, TextWriter output, bool creating)
    {
        var full = Resolve(path);
        var key = VaultKey.FromEnvironment();
        if (key is null)
        {
            if (Console.IsInputRedirected)
            {
                throw new VaultException($"the vault {full} needs its key: set {VaultKey.PassphraseVariable} or {VaultKey.KeyVariable} (standard input is not a terminal to ask)");
            }

            key = VaultKey.FromPassphrase(Prompt(output, "vault passphrase", confirm: creating && !File.Exists(full)));
        }

        return new LocalFileVault(full, key);
    }

    private static string ReadValue(TextReader input, TextWriter output, string name)
    {
        if (!Console.IsInputRedirected) return Prompt(output, $"value of {name}", confirm: false);
        var value = input.ReadToEnd().TrimEnd('\r', '\n');
        if (value.Length == 0) throw new ValidationException("value", $"standard input is empty: pipe the value of {name} in (e.g. from a password manager)");
        return value;
    }

    // Reads a line without echoing it.
    private static string Prompt(TextWriter output, string what, bool confirm)
    {
        output.Write(what + ": ");
        var first = ReadHidden();
        output.WriteLine();
        if (first.Length == 0) throw new ValidationException("value", $"the {what} is empty");
        if (!confirm) return first;
        output.Write($"repeat the {what}: ");
        var second = ReadHidden();
        output.WriteLine();
        return first == second ? first : throw new ValidationException("value", $"the two {what}s differ");
    }

    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) return text.ToString();
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0) text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }

    // Names an argument as the user sees it (NAME, not --name).
    private static Task<int> Guard(TextWriter error, Func<Task<int>> body) => CliInput.GuardAsync(error, async () =>
    {
        try
        {
            return await body();
        }
        catch (ValidationException e) when (e.Field is "name" or "value")
        {
            error.WriteLine($"lyra: {e.Field.ToUpperInvariant()}: {e.Message}");
            return RunCommand.InputError;
        }
    });
}
