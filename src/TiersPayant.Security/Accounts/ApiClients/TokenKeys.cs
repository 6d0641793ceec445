using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace TiersPayant.Security.Accounts.ApiClients;

/// <summary>
/// The keys of the token issuer: an asymmetric key that signs access tokens (ECDSA P-256 or RSA)
/// and an AES-256 key that encrypts them. Every node must hold the same two, or a token issued by
/// one node is refused by the next: they come from configuration (<c>Accounts:ApiClients:SigningKey</c>,
/// PEM or base64 PKCS#8; <c>Accounts:ApiClients:EncryptionKey</c>, base64 of 32 bytes), and only the
/// embedded single-node default may generate them into its data folder.
/// </summary>
public sealed class TokenKeys
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Accounts:ApiClients";

    /// <summary>The file of generated keys in the data folder.</summary>
    public const string FileName = "token-keys.json";

    private TokenKeys(SigningCredentials signing, SymmetricSecurityKey encryption, bool generated)
    {
        Signing = signing;
        EncryptionKey = encryption;
        Generated = generated;
    }

    /// <summary>Signs access tokens; its <c>kid</c> is the key's JWK thumbprint, the same on every node.</summary>
    public SigningCredentials Signing { get; }

    /// <summary>Encrypts access tokens (A256KW): practice software cannot read what they carry.</summary>
    public SymmetricSecurityKey EncryptionKey { get; }

    /// <summary>True when the keys were generated on this machine for the embedded default.</summary>
    public bool Generated { get; }

    /// <summary>
    /// The configured keys; when none are configured and <paramref name="mayGenerate"/> (the
    /// embedded default), those of <c>DATA/token-keys.json</c>, generated on first use.
    /// </summary>
    /// <exception cref="InvalidOperationException">Keys are missing where they may not be generated, or malformed.</exception>
    public static TokenKeys Load(IConfiguration configuration, bool mayGenerate, string dataDirectory)
    {
        var section = configuration.GetSection(Section);
        var generated = false;
        if (string.IsNullOrWhiteSpace(section["SigningKey"]) && string.IsNullOrWhiteSpace(section["EncryptionKey"]))
        {
            if (!mayGenerate)
            {
                throw new InvalidOperationException(
                    "Accounts:ApiClients:SigningKey and Accounts:ApiClients:EncryptionKey are required outside the embedded SQLite default: every node must sign and encrypt tokens with the same keys.");
            }

            var path = EnsureFile(dataDirectory);
            section = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build().GetSection(Section);
            generated = true;
        }

        var signing = ReadSigningKey(section["SigningKey"]);
        var encryption = ReadEncryptionKey(section["EncryptionKey"]);
        return new TokenKeys(signing, encryption, generated);
    }

    private static SigningCredentials ReadSigningKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException("Accounts:ApiClients:SigningKey is missing (a PEM or base64 PKCS#8 private key, ECDSA P-256 or RSA).");
        }

        value = value.Trim();
        var isPem = value.StartsWith("-----BEGIN", StringComparison.Ordinal);
        var ecdsa = ECDsa.Create();
        try
        {
            if (isPem)
            {
                ecdsa.ImportFromPem(value);
            }
            else
            {
                ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(value), out _);
            }

            if (ecdsa.KeySize != 256)
            {
                throw new InvalidOperationException("Accounts:ApiClients:SigningKey: an ECDSA signing key must be on curve P-256.");
            }

            var key = new ECDsaSecurityKey(ecdsa);
            key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
            return new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            ecdsa.Dispose();
        }

        var rsa = RSA.Create();
        try
        {
            if (isPem)
            {
                rsa.ImportFromPem(value);
            }
            else
            {
                rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(value), out _);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            rsa.Dispose();
            throw new InvalidOperationException("Accounts:ApiClients:SigningKey cannot be read: expected a PEM or base64 PKCS#8 private key, ECDSA P-256 or RSA.");
        }

        if (rsa.KeySize < 2048)
        {
            rsa.Dispose();
            throw new InvalidOperationException("Accounts:ApiClients:SigningKey: an RSA signing key must have 2048 bits or more.");
        }

        var rsaKey = new RsaSecurityKey(rsa);
        rsaKey.KeyId = Base64UrlEncoder.Encode(rsaKey.ComputeJwkThumbprint());
        return new SigningCredentials(rsaKey, SecurityAlgorithms.RsaSha256);
    }

    private static SymmetricSecurityKey ReadEncryptionKey(string? value)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value ?? string.Empty);
        }
        catch (FormatException)
        {
            bytes = [];
        }

        if (bytes.Length != 32)
        {
            throw new InvalidOperationException("Accounts:ApiClients:EncryptionKey must be the base64 of 32 random bytes.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(bytes)[..8]) };
    }

    private static string EnsureFile(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return path;
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var document = new JsonObject
        {
            ["Accounts"] = new JsonObject
            {
                ["ApiClients"] = new JsonObject
                {
                    ["Generated"] = true,
                    ["SigningKey"] = ecdsa.ExportPkcs8PrivateKeyPem(),
                    ["EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                },
            },
        };
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            document.WriteTo(writer);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of the same data folder (a verb beside the server) wrote it first: use theirs.
        }

        return path;
    }
}
