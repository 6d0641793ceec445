using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace TiersPayant.Security.Accounts.ApiClients;

/// <summary>
/// The public keys a client proves itself with, stored on its OpenIddict application as a JSON
/// Web Key Set: signing keys for <c>private_key_jwt</c> assertions, or a self-signed certificate
/// (as <c>x5c</c>) for mutual TLS. The platform never stores a client's private key.
/// </summary>
public static class ClientKeys
{
    private const string ClientAuthenticationUsage = "1.3.6.1.5.5.7.3.2";
    private const int MaximumKeys = 10;
    private const int MinimumRsaBits = 2048;

    // Members that only a private JWK has (RFC 7518 section 6): their presence means the operator
    // handed us a secret that must stay with the practice.
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>A fresh ECDSA P-256 key pair: the public set to store, the private key for the practice.</summary>
    public static GeneratedClientKey Generate()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var publicOnly = ECDsa.Create(ecdsa.ExportParameters(includePrivateParameters: false));
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicOnly));
        jwk.Use = JsonWebKeyUseNames.Sig;
        jwk.Alg = SecurityAlgorithms.EcdsaSha256;
        jwk.Kid = Thumbprint(jwk);
        var set = new JsonWebKeySet();
        set.Keys.Add(jwk);
        return new GeneratedClientKey(set, jwk.Kid, ecdsa.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Reads a JSON Web Key Set of public signing keys (RSA of 2048 bits or more, or EC).</summary>
    /// <exception cref="ClientKeyException">The set is not valid JSON, holds a private key, or no usable key.</exception>
    public static JsonWebKeySet ReadKeySet(string json)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException)
        {
            throw new ClientKeyException("the file is not a JSON Web Key Set ({\"keys\": [...]}).");
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind == System.Text.Json.JsonValueKind.Array
            && keys.EnumerateArray().Any(k => k.ValueKind == System.Text.Json.JsonValueKind.Object && PrivateMembers.Any(m => k.TryGetProperty(m, out _))))
        {
            throw new ClientKeyException("the set holds a private or symmetric key; give only the public keys, the private key stays with the practice.");
        }

        if (set.Keys.Count is 0 or > MaximumKeys)
        {
            throw new ClientKeyException($"the set must hold between 1 and {MaximumKeys} keys.");
        }

        foreach (var key in set.Keys)
        {
            Check(key);
            if (string.IsNullOrEmpty(key.Kid))
            {
                key.Kid = Thumbprint(key);
            }
        }

        return set;
    }

    /// <summary>
    /// The key set of a self-signed client certificate (DER or PEM) for mutual TLS: version 3, RSA
    /// of 2048 bits or more, for digital signature and TLS client authentication, valid today.
    /// </summary>
    /// <exception cref="ClientKeyException">The certificate cannot be read or is not suitable.</exception>
    public static JsonWebKeySet FromCertificate(byte[] encoded, DateTimeOffset now)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(encoded);
        }
        catch (CryptographicException)
        {
            throw new ClientKeyException("the file is not an X.509 certificate (DER or PEM).");
        }

        using (certificate)
        {
            if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
            {
                throw new ClientKeyException("the certificate must be self-signed (its subject is its issuer).");
            }

            if (certificate.Version < 3 || !HasDigitalSignature(certificate) || !HasClientAuthentication(certificate))
            {
                throw new ClientKeyException("the certificate must be X.509 v3 with key usage digitalSignature and extended key usage clientAuth.");
            }

            if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            {
                throw new ClientKeyException("the certificate is not valid today.");
            }

            // A stored x5c is read back as a certificate only under "kty": "RSA" (an EC entry is read
            // as a bare EC key, which OpenIddict's mutual-TLS check ignores): RSA certificates only.
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is null || rsa.KeySize < MinimumRsaBits)
            {
                throw new ClientKeyException($"the certificate's key must be RSA of {MinimumRsaBits} bits or more.");
            }

            var jwk = JsonWebKeyConverter.ConvertFromX509SecurityKey(new X509SecurityKey(certificate), representAsRsaKey: false);
            jwk.Use = JsonWebKeyUseNames.Sig;
            var set = new JsonWebKeySet();
            set.Keys.Add(jwk);
            return set;
        }
    }

    private static void Check(JsonWebKey key)
    {
        if (key.Use is { Length: > 0 } use && use != JsonWebKeyUseNames.Sig)
        {
            throw new ClientKeyException("every key must be a signing key (\"use\": \"sig\" or no \"use\").");
        }

        switch (key.Kty)
        {
            case JsonWebAlgorithmsKeyTypes.EllipticCurve when key.Crv is JsonWebKeyECTypes.P256 or JsonWebKeyECTypes.P384 or JsonWebKeyECTypes.P521:
                break;
            case JsonWebAlgorithmsKeyTypes.RSA when Base64UrlEncoder.DecodeBytes(key.N ?? string.Empty).Length * 8 >= MinimumRsaBits:
                break;
            default:
                throw new ClientKeyException($"every key must be EC (P-256, P-384, P-521) or RSA of {MinimumRsaBits} bits or more.");
        }

        if (!JsonWebKeyConverter.TryConvertToSecurityKey(key, out _))
        {
            throw new ClientKeyException("a key cannot be read (missing or malformed parameters).");
        }
    }

    private static string Thumbprint(JsonWebKey key) => Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());

    private static bool HasDigitalSignature(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509KeyUsageExtension>().Any(e => e.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature));

    private static bool HasClientAuthentication(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == ClientAuthenticationUsage));
}

/// <summary>A key pair made for a client: the public set is stored, the private key is handed over once.</summary>
/// <param name="PublicKeys">The set to register on the client.</param>
/// <param name="KeyId">The <c>kid</c> the client puts in its assertions' header.</param>
/// <param name="PrivateKeyPem">The PKCS#8 private key in PEM: written to a file readable by its owner only, never stored by the platform.</param>
public sealed record GeneratedClientKey(JsonWebKeySet PublicKeys, string KeyId, string PrivateKeyPem);

/// <summary>A key or certificate given for a client is not usable; the message says why, and names no person.</summary>
public sealed class ClientKeyException(string message) : Exception(message);
