using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TiersPayant.Data.Configuration;

namespace TiersPayant.Security.Audit;

/// <summary>
/// The checkpoint signing key, read from <see cref="AuditOptions.SigningKeyFile"/> (never from the
/// database, so whoever can write the database cannot sign a rewritten log), generated into the
/// data folder on first use when no file is configured. Loaded once, when first needed.
/// </summary>
public sealed class CheckpointSigner : IDisposable
{
    private readonly Lazy<NoteSigner> _signer;

    internal CheckpointSigner(IOptions<AuditOptions> options, IConfiguration configuration)
    {
        var audit = options.Value;
        KeyFile = audit.SigningKeyFile is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(configuration.DataDirectory(), AuditOptions.DefaultKeyFile);
        var generate = audit.SigningKeyFile is not { Length: > 0 };
        _signer = new Lazy<NoteSigner>(() => Load(audit.Origin, KeyFile, generate), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Where the private key is kept.</summary>
    public string KeyFile { get; }

    /// <summary>The log's origin (the key's name).</summary>
    public string Origin => _signer.Value.Name;

    /// <summary>The verifier key to give auditors and witnesses.</summary>
    public string VerifierKey => _signer.Value.VerifierKey;

    /// <summary>Signs a note's text.</summary>
    internal string Sign(string text) => _signer.Value.Sign(text);

    /// <summary>Forgets the key.</summary>
    public void Dispose()
    {
        if (_signer.IsValueCreated)
        {
            _signer.Value.Dispose();
        }
    }

    private static NoteSigner Load(string origin, string path, bool generate)
    {
        if (!File.Exists(path))
        {
            if (!generate)
            {
                throw new InvalidOperationException($"Audit:SigningKeyFile: {path} does not exist.");
            }

            using var created = NoteSigner.Create(origin);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.WriteLine(Convert.ToBase64String(created.ExportPrivateKey()));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Audit:SigningKeyFile: {path} must hold the base64 of a 32-byte Ed25519 private key.");
        }

        if (key.Length != 32)
        {
            throw new InvalidOperationException($"Audit:SigningKeyFile: {path} must hold the base64 of a 32-byte Ed25519 private key.");
        }

        return NoteSigner.Import(origin, key);
    }
}
