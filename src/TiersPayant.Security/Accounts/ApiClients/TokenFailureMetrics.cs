using System.Diagnostics.Metrics;

namespace TiersPayant.Security.Accounts.ApiClients;

/// <summary>
/// Counts refused token requests by reason (<c>tierspayant.api_clients.token_failures</c>, tag
/// <c>reason</c>), so that a forged-assertion or credential-guessing run shows on a dashboard.
/// The tag is one of a fixed set of words: never a client id, a practice or an address.
/// </summary>
public sealed class TokenFailureMetrics
{
    /// <summary>The meter's name, for exporters and tests.</summary>
    public const string MeterName = "TiersPayant.ApiClients";

    /// <summary>The counter's name.</summary>
    public const string CounterName = "tierspayant.api_clients.token_failures";

    private readonly Counter<long> _failures;

    /// <summary>Creates the counter on the host's meter factory.</summary>
    public TokenFailureMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _failures = meter.CreateCounter<long>(CounterName, unit: "{failure}", description: "Token requests refused, by reason.");
    }

    /// <summary>Counts one refusal.</summary>
    public void Record(TokenFailureReason reason) =>
        _failures.Add(1, new KeyValuePair<string, object?>("reason", TokenFailureReasons.Tag(reason)));
}

/// <summary>Why a token request was refused. The caller is told less: see <see cref="TokenFailureReasons"/>.</summary>
public enum TokenFailureReason
{
    /// <summary>No client has this id (in <c>client_id</c> or the assertion's <c>iss</c>).</summary>
    UnknownClient,

    /// <summary>The assertion's signature does not verify with the client's registered keys, or it is malformed.</summary>
    InvalidSignature,

    /// <summary>The assertion has expired, or asks to live longer than the platform allows.</summary>
    ExpiredAssertion,

    /// <summary>The assertion's <c>jti</c> was already used by this client.</summary>
    ReplayedAssertion,

    /// <summary>The assertion lacks a mandatory claim (<c>jti</c>, <c>exp</c>, <c>aud</c>…) or has a malformed one.</summary>
    MalformedAssertion,

    /// <summary>The assertion was made for another audience than this platform's issuer.</summary>
    WrongAudience,

    /// <summary>A client secret where secrets are not allowed (not a demo client, or demo secrets switched off).</summary>
    SecretNotAllowed,

    /// <summary>A wrong secret for a demo client.</summary>
    InvalidSecret,

    /// <summary>The TLS client certificate is not the one registered for the client.</summary>
    InvalidCertificate,

    /// <summary>No credential at all: neither assertion, certificate nor (demo) secret.</summary>
    MissingCredentials,

    /// <summary>A scope that does not exist or that the client was not granted.</summary>
    ScopeNotGranted,

    /// <summary>A grant type other than client credentials.</summary>
    UnsupportedGrantType,

    /// <summary>Any other malformed request.</summary>
    InvalidRequest,
}

/// <summary>The metric tags of <see cref="TokenFailureReason"/>.</summary>
public static class TokenFailureReasons
{
    /// <summary>The tag value, in snake case.</summary>
    public static string Tag(TokenFailureReason reason) => reason switch
    {
        TokenFailureReason.UnknownClient => "unknown_client",
        TokenFailureReason.InvalidSignature => "invalid_signature",
        TokenFailureReason.ExpiredAssertion => "expired_assertion",
        TokenFailureReason.ReplayedAssertion => "replayed_assertion",
        TokenFailureReason.MalformedAssertion => "malformed_assertion",
        TokenFailureReason.WrongAudience => "wrong_audience",
        TokenFailureReason.SecretNotAllowed => "secret_not_allowed",
        TokenFailureReason.InvalidSecret => "invalid_secret",
        TokenFailureReason.InvalidCertificate => "invalid_certificate",
        TokenFailureReason.MissingCredentials => "missing_credentials",
        TokenFailureReason.ScopeNotGranted => "scope_not_granted",
        TokenFailureReason.UnsupportedGrantType => "unsupported_grant_type",
        TokenFailureReason.InvalidRequest => "invalid_request",
    };
}
