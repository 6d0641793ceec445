using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TiersPayant.Accounts.ProSanteConnect;

/// <summary>
/// Checks the federation's settings at start when it is enabled, so that a mistake stops the
/// server instead of the first professional who clicks the button. Messages name settings,
/// never their values (a secret could be one).
/// </summary>
internal sealed class ProSanteConnectOptionsValidator : IValidateOptions<ProSanteConnectOptions>
{
    private const string S = ProSanteConnectOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, ProSanteConnectOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!IsAllowedAddress(options.Authority))
        {
            failures.Add(S + "Authority must be an absolute https address (http only on the loopback, for a provider running on this machine).");
        }

        if (options.MetadataAddress is not null && !IsAllowedAddress(options.MetadataAddress))
        {
            failures.Add(S + "MetadataAddress must be an absolute https address (http only on the loopback).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add(S + "ClientId is required.");
        }

        failures.AddRange(ClientAuthenticationFailures(options));

        if (!FederationPolicy.AcrSatisfies(options.RequiredAcr, options.AcrLevelList, options.RequiredAcr))
        {
            failures.Add(S + "RequiredAcr must be one of the levels listed in " + S + "AcrLevels.");
        }

        if (options.MaxAuthenticationAge <= TimeSpan.Zero || options.MaxAuthenticationAge > TimeSpan.FromHours(12))
        {
            failures.Add(S + "MaxAuthenticationAge must be positive and at most 12 hours (a portal session's lifetime).");
        }

        if (string.IsNullOrWhiteSpace(options.IdentifierClaim))
        {
            failures.Add(S + "IdentifierClaim is required.");
        }

        if (!options.ScopeList.Contains("openid", StringComparer.Ordinal))
        {
            failures.Add(S + "Scopes must include openid.");
        }

        if (options.CallbackPath is not ['/', _, ..] || options.CallbackPath.Contains('?', StringComparison.Ordinal))
        {
            failures.Add(S + "CallbackPath must be a path starting with '/'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Tokens and the client's credentials go to the provider's endpoints: only over TLS, unless
    /// the provider runs on this very machine (a test or a local development provider).
    /// </summary>
    public static bool IsAllowedAddress(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.Fragment);

    private static IEnumerable<string> ClientAuthenticationFailures(ProSanteConnectOptions options)
    {
        switch (options.ClientAuthentication)
        {
            case ProSanteConnectOptions.PrivateKeyJwt when string.IsNullOrWhiteSpace(options.PrivateKeyFile):
                yield return S + "PrivateKeyFile is required with private_key_jwt.";
                break;
            case ProSanteConnectOptions.PrivateKeyJwt when !CanLoad(options.PrivateKeyFile!, options.KeyId):
                yield return S + "PrivateKeyFile must be a readable, unencrypted PEM file holding an RSA or EC P-256 private key.";
                break;
            case ProSanteConnectOptions.PrivateKeyJwt:
                break;
            case ProSanteConnectOptions.ClientSecretPost when string.IsNullOrEmpty(options.ClientSecret):
                yield return S + "ClientSecret is required with client_secret_post.";
                break;
            case ProSanteConnectOptions.ClientSecretPost:
                break;
            default:
                yield return S + "ClientAuthentication must be private_key_jwt or client_secret_post.";
                break;
        }
    }

    private static bool CanLoad(string path, string? keyId)
    {
        try
        {
            ClientKey.Load(path, keyId);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
