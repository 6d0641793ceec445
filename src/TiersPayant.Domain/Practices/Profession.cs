namespace TiersPayant.Domain.Practices;

/// <summary>A health profession that bills through the platform.</summary>
public enum Profession
{
    /// <summary><c>pharmacien</c>.</summary>
    Pharmacien,
    /// <summary><c>opticien</c>.</summary>
    Opticien,
    /// <summary><c>audioprothesiste</c>.</summary>
    Audioprothesiste,
    /// <summary><c>chirurgien-dentiste</c>.</summary>
    ChirurgienDentiste,
    /// <summary><c>medecin</c>.</summary>
    Medecin,
    /// <summary><c>laboratoire</c>.</summary>
    Laboratoire,
    /// <summary><c>auxiliaire</c>.</summary>
    Auxiliaire,
    /// <summary><c>etablissement</c>: a hospital or clinic, identified by its FINESS number.</summary>
    Etablissement,
}

/// <summary>Codes and domains of <see cref="Profession"/>.</summary>
public static class Professions
{
    /// <summary>Every profession.</summary>
    public static IReadOnlyList<Profession> All { get; } = Enum.GetValues<Profession>();

    /// <summary>The wire code of CONTRACT.md, e.g. <c>chirurgien-dentiste</c>.</summary>
    public static string Code(this Profession profession) => profession switch
    {
        Profession.Pharmacien => "pharmacien",
        Profession.Opticien => "opticien",
        Profession.Audioprothesiste => "audioprothesiste",
        Profession.ChirurgienDentiste => "chirurgien-dentiste",
        Profession.Medecin => "medecin",
        Profession.Laboratoire => "laboratoire",
        Profession.Auxiliaire => "auxiliaire",
        Profession.Etablissement => "etablissement",
    };

    /// <summary>Reads a profession code; case-insensitive.</summary>
    public static bool TryParse(string? code, out Profession profession) => WireCodes.TryParse(code, All, Code, out profession);

    /// <summary>The care domains a profession bills in.</summary>
    public static IReadOnlyList<CareDomain> Domains(this Profession profession) => profession switch
    {
        Profession.Pharmacien => [CareDomain.Pharmacie],
        Profession.Opticien => [CareDomain.Optique],
        Profession.Audioprothesiste => [CareDomain.Audioprothese],
        Profession.ChirurgienDentiste => [CareDomain.Dentaire],
        Profession.Medecin => [CareDomain.Medecin],
        Profession.Laboratoire => [CareDomain.Laboratoire],
        Profession.Auxiliaire => [CareDomain.Auxiliaire, CareDomain.Transport],
        Profession.Etablissement => [CareDomain.Hospitalisation, CareDomain.Radiologie],
    };
}
