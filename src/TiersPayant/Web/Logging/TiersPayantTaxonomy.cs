using Microsoft.Extensions.Compliance.Classification;

namespace TiersPayant.Web.Logging;

/// <summary>
/// The data classes TiersPayant tells apart when it writes logs. A value that carries one of them
/// is redacted before any log provider sees it.
/// </summary>
public static class TiersPayantTaxonomy
{
    public const string Name = "TiersPayant";

    /// <summary>
    /// Identifies an insured person: NIR, names, birth date and rank, member number, address.
    /// Always erased: even a keyed hash of a NIR can be reversed by enumeration once the key leaks.
    /// </summary>
    public static DataClassification PersonalData { get; } = new(Name, nameof(PersonalData));

    /// <summary>
    /// Not an identity but still personal under the GDPR, and useful to correlate during an
    /// investigation: client IP addresses, device fingerprints, login names. Hashed with a keyed
    /// HMAC when a key is configured, erased otherwise.
    /// </summary>
    public static DataClassification SensitiveData { get; } = new(Name, nameof(SensitiveData));
}
