using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TiersPayant.Accounts.ProSanteConnect;

/// <summary>
/// The platform's proof that it is the registered client (<c>private_key_jwt</c>, RFC 7523): a JWT
/// signed with the key whose public half the provider holds. Nothing shared travels, and each
/// assertion is short-lived and single-use (<c>jti</c>).
/// </summary>
internal sealed class ClientAssertionSigner(IOptions<ProSanteConnectOptions> options, TimeProvider time)
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>
    /// The assertion's explicit type (RFC 8725 §3.11, draft-ietf-oauth-rfc7523bis), so that it
    /// cannot be taken for another kind of token signed with the same key; current servers
    /// (OpenIddict 7, for one) refuse an assertion typed as a plain JWT.
    /// </summary>
    public const string JwtType = "client-authentication+jwt";

    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly Lazy<SigningCredentials> _credentials = new(() => ClientKey.Load(options.Value.PrivateKeyFile!, options.Value.KeyId));

    /// <summary>
    /// An assertion for <paramref name="audience"/>: the provider's issuer identifier, not an
    /// endpoint address, so that an assertion cannot be replayed at another server that shares an
    /// endpoint (the OpenID Foundation's 2025 advice on client-assertion audiences).
    /// </summary>
    public string Create(string audience)
    {
        var clientId = options.Value.ClientId!;
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            TokenType = JwtType,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            },
            SigningCredentials = _credentials.Value,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}

/// <summary>Reads the client's private key from a PEM file.</summary>
internal static class ClientKey
{
    /// <summary>Signing credentials for the key in <paramref name="path"/>; throws when the file holds no usable private key.</summary>
    public static SigningCredentials Load(string path, string? keyId)
    {
        var pem = File.ReadAllText(path);
        AsymmetricSecurityKey key;
        string algorithm;
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal) || !TryRsa(pem, out var rsaKey))
        {
            var ec = ECDsa.Create();
            try
            {
                ec.ImportFromPem(pem);
                if (ec.KeySize != 256)
                {
                    throw new CryptographicException("Only EC keys on P-256 are supported.");
                }
            }
            catch
            {
                ec.Dispose();
                throw;
            }

            key = new ECDsaSecurityKey(ec);
            algorithm = SecurityAlgorithms.EcdsaSha256;
        }
        else
        {
            key = rsaKey!;
            algorithm = SecurityAlgorithms.RsaSha256;
        }

        if (key.PrivateKeyStatus == PrivateKeyStatus.DoesNotExist)
        {
            throw new CryptographicException("The file holds a public key only.");
        }

        key.KeyId = string.IsNullOrWhiteSpace(keyId)
            ? Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(key).ComputeJwkThumbprint())
            : keyId;
        return new SigningCredentials(key, algorithm);
    }

    private static bool TryRsa(string pem, out RsaSecurityKey? key)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            key = new RsaSecurityKey(rsa);
            return true;
        }
        catch (ArgumentException)
        {
            rsa.Dispose();
            key = null;
            return false;
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            key = null;
            return false;
        }
    }
}
