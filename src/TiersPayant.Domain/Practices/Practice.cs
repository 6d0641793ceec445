namespace TiersPayant.Domain.Practices;

/// <summary>
/// Where professionals bill: an officine, a shop, a cabinet or an establishment. It has the
/// billing number given by the statutory insurer and, for establishments, a FINESS number.
/// </summary>
public sealed class Practice
{
    private Practice(PracticeId id, Profession profession, string name, string city, string billingNumber, string? finess)
    {
        Id = id;
        Profession = profession;
        Name = name;
        City = city;
        BillingNumber = billingNumber;
        Finess = finess;
    }

    /// <summary>The identifier.</summary>
    public PracticeId Id { get; }

    /// <summary>The profession it bills as.</summary>
    public Profession Profession { get; }

    /// <summary>Its trading name.</summary>
    public string Name { get; }

    /// <summary>Its town.</summary>
    public string City { get; }

    /// <summary>The 9-digit billing number from the statutory insurer.</summary>
    public string BillingNumber { get; }

    /// <summary>The FINESS number (establishments only).</summary>
    public string? Finess { get; }

    /// <summary>Creates a practice after checking its numbers.</summary>
    public static Practice Create(PracticeId id, Profession profession, string name, string city, string billingNumber, string? finess)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(city);
        if (billingNumber.Length != 9 || !billingNumber.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A billing number has 9 digits.", nameof(billingNumber));
        }

        if (profession == Profession.Etablissement && (finess?.Length != 9 || !Luhn.IsValid(finess)))
        {
            throw new ArgumentException("An establishment needs a valid 9-digit FINESS number.", nameof(finess));
        }

        return new Practice(id, profession, name.Trim(), city.Trim(), billingNumber, profession == Profession.Etablissement ? finess : null);
    }
}
