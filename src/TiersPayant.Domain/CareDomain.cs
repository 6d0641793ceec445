namespace TiersPayant.Domain;

/// <summary>A care domain: what a guarantee covers and what a professional bills.</summary>
public enum CareDomain
{
    /// <summary><c>pharmacie</c>.</summary>
    Pharmacie,
    /// <summary><c>optique</c>.</summary>
    Optique,
    /// <summary><c>audioprothese</c>.</summary>
    Audioprothese,
    /// <summary><c>dentaire</c>.</summary>
    Dentaire,
    /// <summary><c>hospitalisation</c>.</summary>
    Hospitalisation,
    /// <summary><c>laboratoire</c>.</summary>
    Laboratoire,
    /// <summary><c>medecin</c>.</summary>
    Medecin,
    /// <summary><c>auxiliaire</c>.</summary>
    Auxiliaire,
    /// <summary><c>radiologie</c>.</summary>
    Radiologie,
    /// <summary><c>transport</c>.</summary>
    Transport,
}

/// <summary>The wire codes of <see cref="CareDomain"/> (CONTRACT.md).</summary>
public static class CareDomains
{
    /// <summary>Every domain.</summary>
    public static IReadOnlyList<CareDomain> All { get; } = Enum.GetValues<CareDomain>();

    /// <summary>The lower-case French code, e.g. <c>audioprothese</c>.</summary>
    public static string Code(this CareDomain domain) => domain.ToString().ToLowerInvariant();

    /// <summary>Reads a domain code; case-insensitive.</summary>
    public static bool TryParse(string? code, out CareDomain domain) => WireCodes.TryParse(code, All, Code, out domain);
}
