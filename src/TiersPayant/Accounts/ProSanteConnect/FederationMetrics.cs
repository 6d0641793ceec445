using System.Diagnostics.Metrics;

namespace TiersPayant.Accounts.ProSanteConnect;

/// <summary>
/// Counts refused federation logins by reason, so that a wave of refusals (a misconfigured
/// provider, someone probing the callback) shows on a dashboard. Tagged by reason only: no
/// identifier, account or address ever becomes a tag.
/// </summary>
public sealed class FederationMetrics
{
    public const string MeterName = "TiersPayant.Accounts";
    public const string FailuresName = "tierspayant.accounts.federation_failures";
    public const string ReasonTag = "reason";

    private readonly Counter<long> _failures;

    public FederationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _failures = meter.CreateCounter<long>(FailuresName, unit: "{failure}", description: "Pro Santé Connect logins refused, by reason.");
    }

    public void Refused(FederationRefusal reason) => _failures.Add(1, new KeyValuePair<string, object?>(ReasonTag, Tag(reason)));

    /// <summary>The stable tag value of a reason.</summary>
    public static string Tag(FederationRefusal reason) => reason switch
    {
        FederationRefusal.AcrInsufficient => "acr_insufficient",
        FederationRefusal.AuthTimeInvalid => "auth_time_invalid",
        FederationRefusal.AuthTimeTooOld => "auth_time_too_old",
        FederationRefusal.IdentifierMissing => "identifier_missing",
        FederationRefusal.UnknownProfessional => "unknown_professional",
        FederationRefusal.ProviderDenied => "provider_denied",
        FederationRefusal.ProviderError => "provider_error",
        FederationRefusal.ProviderUnavailable => "provider_unavailable",
        FederationRefusal.InvalidResponse => "invalid_response",
    };

    /// <summary>
    /// Which message the refusal page shows. Reasons that the professional can act on get their
    /// own; the protocol's failures share one, which says nothing an attacker could use.
    /// </summary>
    public static string Motif(FederationRefusal reason) => reason switch
    {
        FederationRefusal.AcrInsufficient => "niveau",
        FederationRefusal.AuthTimeInvalid or FederationRefusal.AuthTimeTooOld => "anciennete",
        FederationRefusal.IdentifierMissing or FederationRefusal.UnknownProfessional => "compte",
        FederationRefusal.ProviderDenied => "annulee",
        FederationRefusal.ProviderUnavailable => "indisponible",
        FederationRefusal.ProviderError or FederationRefusal.InvalidResponse => "echec",
    };
}
