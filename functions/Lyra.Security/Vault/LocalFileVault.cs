using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lyra.Security.Vault;

/// <summary>
/// The local vault: one file holding every secret, encrypted as a whole with AES-256-GCM under a key from a passphrase
/// (PBKDF2-SHA256) or a raw key. The file's header (format, version, key derivation, salt) is authenticated as associated
/// data, so changing any byte is detected. Every write uses a fresh nonce and replaces the file atomically (temp file,
/// then rename), readable by its owner only; a lock file serialises writers from several processes.
/// </summary>
public sealed class LocalFileVault : ISecretVault
{
    /// <summary>The <c>format</c> field of a vault file.</summary>
    public const string Format = "lyra-vault";

    /// <summary>How many values a secret keeps (the current one and its predecessors).</summary>
    public const int VersionsKept = 5;

    private const int FileVersion = 1;
    private const string Pbkdf2 = "pbkdf2-sha256";
    private const string Raw = "raw";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _clock;
    private readonly int _iterations;
    private VaultKey _key;
    private (string Salt, int Iterations, byte[] Key)? _derived;

    /// <summary>A vault kept in <paramref name="path"/> (created on the first write), unlocked by <paramref name="key"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The passphrase or raw key.</param>
    /// <param name="clock">Time of each write.</param>
    /// <param name="iterations">PBKDF2 iterations for a new file (tests lower it; an existing file keeps its own).</param>
    public LocalFileVault(string path, VaultKey key, TimeProvider? clock = null, int iterations = VaultKey.DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Path = System.IO.Path.GetFullPath(path);
        _key = key;
        _clock = clock ?? TimeProvider.System;
        _iterations = iterations;
    }

    /// <summary>The vault file.</summary>
    public string Path { get; }

    /// <summary>True when the file exists.</summary>
    public bool Exists => File.Exists(Path);

    /// <inheritdoc />
    public Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = SecretName.Normalize(name);
        return Task.FromResult(Read().TryGetValue(n, out var versions) ? versions[^1].Value : null);
    }

    /// <inheritdoc />
    public Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = SecretName.Normalize(name);
        if (string.IsNullOrEmpty(value)) throw new Lyra.Core.Errors.ValidationException("value", $"the value of secret '{n}' is empty");
        Update(secrets =>
        {
            var versions = secrets.TryGetValue(n, out var v) ? v : secrets[n] = [];
            versions.Add(new StoredValue(value, _clock.GetUtcNow()));
            if (versions.Count > VersionsKept) versions.RemoveRange(0, versions.Count - VersionsKept);
            return true;
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = SecretName.Normalize(name);
        var removed = false;
        if (Exists) Update(secrets => removed = secrets.Remove(n));
        return Task.FromResult(removed);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SecretInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<SecretInfo> list = [.. Read().OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new SecretInfo(p.Key, SecretMask.Mask(p.Value[^1].Value), p.Value.Count, p.Value[^1].SetAt))];
        return Task.FromResult(list);
    }

    /// <summary>Every secret's current value by name (for the configuration source).</summary>
    public IReadOnlyDictionary<string, string> ReadAll() => Read().ToDictionary(p => p.Key, p => p.Value[^1].Value, StringComparer.Ordinal);

    /// <summary>Re-encrypts the file under <paramref name="newKey"/> with a new salt; from then on this instance uses it.</summary>
    public Task RotateAsync(VaultKey newKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var guard = Lock();
        var secrets = Read();
        _key = newKey;
        _derived = null;
        Write(secrets, newSalt: true);
        return Task.CompletedTask;
    }

    private void Update(Func<Dictionary<string, List<StoredValue>>, bool> change)
    {
        using var guard = Lock();
        var secrets = Read();
        if (change(secrets)) Write(secrets, newSalt: !Exists);
    }

    private Dictionary<string, List<StoredValue>> Read()
    {
        if (!File.Exists(Path)) return new(StringComparer.Ordinal);
        var header = ReadHeader();
        var key = KeyFor(header.Salt, header.Iterations, header.Kdf);
        var plain = new byte[header.Cipher.Length];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(header.Nonce, header.Cipher, header.Tag, plain, header.Aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new VaultException($"cannot open the vault {Path}: the {(_key.IsPassphrase ? "passphrase" : "key")} is wrong or the file was changed (set {VaultKey.PassphraseVariable} or {VaultKey.KeyVariable} to the one it was written with)");
        }

        try
        {
            return Parse(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private Header ReadHeader()
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(Path)) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new VaultException($"the vault {Path} is damaged: not JSON ({e.Message})");
        }

        string Text(string field) => root?[field]?.GetValueKind() == JsonValueKind.String ? root[field]!.GetValue<string>()
            : throw new VaultException($"the vault {Path} is damaged: field '{field}' is missing");
        if (root?["format"]?.GetValue<string>() != Format) throw new VaultException($"{Path} is not a Lyra vault (its 'format' is not '{Format}')");
        var version = root["version"]?.GetValue<int>() ?? 0;
        if (version != FileVersion) throw new VaultException($"the vault {Path} has version {version}; this lyra reads version {FileVersion}");
        var kdf = Text("kdf");
        if (kdf is not (Pbkdf2 or Raw)) throw new VaultException($"the vault {Path} uses key derivation '{kdf}'; known: {Pbkdf2}, {Raw}");
        var iterations = root["iterations"]?.GetValue<int>() ?? 0;
        try
        {
            return new Header(kdf, iterations, Text("salt"), Convert.FromBase64String(Text("nonce")), Convert.FromBase64String(Text("tag")),
                Convert.FromBase64String(Text("ciphertext")));
        }
        catch (FormatException)
        {
            throw new VaultException($"the vault {Path} is damaged: nonce, tag or ciphertext is not base64");
        }
    }

    private void Write(Dictionary<string, List<StoredValue>> secrets, bool newSalt)
    {
        var kdf = _key.IsPassphrase ? Pbkdf2 : Raw;
        var salt = !newSalt && _derived is { } d ? d.Salt : Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var iterations = !newSalt && _derived is { } e ? e.Iterations : _key.IsPassphrase ? _iterations : 0;
        var key = KeyFor(salt, iterations, kdf);
        var plain = Serialize(secrets);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(nonce, plain, cipher, tag, Header.AadOf(kdf, iterations, salt));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        var file = new JsonObject
        {
            ["format"] = Format,
            ["version"] = FileVersion,
            ["kdf"] = kdf,
            ["iterations"] = iterations,
            ["salt"] = salt,
            ["nonce"] = Convert.ToBase64String(nonce),
            ["tag"] = Convert.ToBase64String(tag),
            ["ciphertext"] = Convert.ToBase64String(cipher),
        };
        var dir = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(dir);
        var temp = Path + ".tmp";
        using (var stream = new FileStream(temp, OwnerOnly(FileMode.Create)))
        {
            stream.Write(Encoding.UTF8.GetBytes(file.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path, overwrite: true);
    }

    private byte[] KeyFor(string salt, int iterations, string kdf)
    {
        if (kdf == Pbkdf2 != _key.IsPassphrase)
        {
            throw new VaultException($"the vault {Path} was written with a {(kdf == Pbkdf2 ? "passphrase" : "raw key")}; set {(kdf == Pbkdf2 ? VaultKey.PassphraseVariable : VaultKey.KeyVariable)}");
        }

        if (_derived is { } d && d.Salt == salt && d.Iterations == iterations) return d.Key;
        byte[] saltBytes;
        try
        {
            saltBytes = Convert.FromBase64String(salt);
        }
        catch (FormatException)
        {
            throw new VaultException($"the vault {Path} is damaged: its salt is not base64");
        }

        if (kdf == Pbkdf2 && iterations < 1) throw new VaultException($"the vault {Path} is damaged: iterations must be positive");
        var key = _key.Derive(saltBytes, iterations);
        _derived = (salt, iterations, key);
        return key;
    }

    private static FileStreamOptions OwnerOnly(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    // Serialises writers across processes; waits for a busy lock instead of failing at once.
    private FileStream Lock()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var deadline = _clock.GetUtcNow() + LockWait;
        while (true)
        {
            try
            {
                // The lock file stays: deleting it on close would let two writers lock two different files.
                return new FileStream(Path + ".lock", OwnerOnly(FileMode.OpenOrCreate));
            }
            catch (IOException) when (_clock.GetUtcNow() < deadline)
            {
                Thread.Sleep(50);
            }
            catch (IOException e)
            {
                throw new VaultException($"the vault {Path} is locked by another process (its .lock file) for more than {LockWait.TotalSeconds:0} s", e);
            }
        }
    }

    private static byte[] Serialize(Dictionary<string, List<StoredValue>> secrets)
    {
        var root = new JsonObject();
        foreach (var (name, versions) in secrets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var list = new JsonArray();
            foreach (var v in versions) list.Add(new JsonObject { ["value"] = v.Value, ["setAt"] = v.SetAt.ToString("O", CultureInfo.InvariantCulture) });
            root[name] = list;
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["secrets"] = root }.ToJsonString());
    }

    private Dictionary<string, List<StoredValue>> Parse(byte[] plain)
    {
        var result = new Dictionary<string, List<StoredValue>>(StringComparer.Ordinal);
        try
        {
            var secrets = JsonNode.Parse(plain)!["secrets"]!.AsObject();
            foreach (var (name, node) in secrets)
            {
                result[name] = [.. node!.AsArray().Select(v => new StoredValue(v!["value"]!.GetValue<string>(),
                    DateTimeOffset.Parse(v["setAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)))];
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            // Authenticated but unreadable: written by a broken writer. Say so without echoing any content.
            throw new VaultException($"the vault {Path} decrypts but its content is not a secret list");
        }

        return result;
    }

    private sealed record StoredValue(string Value, DateTimeOffset SetAt);

    private sealed record Header(string Kdf, int Iterations, string Salt, byte[] Nonce, byte[] Tag, byte[] Cipher)
    {
        public byte[] Aad => AadOf(Kdf, Iterations, Salt);

        public static byte[] AadOf(string kdf, int iterations, string salt) =>
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Format}|{FileVersion}|{kdf}|{iterations}|{salt}"));
    }
}
