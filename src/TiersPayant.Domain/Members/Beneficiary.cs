using TiersPayant.Domain.Identity;

namespace TiersPayant.Domain.Members;

/// <summary>How a beneficiary relates to the contract holder.</summary>
public enum Relationship
{
    /// <summary>The insured person who holds the contract (<c>holder</c>).</summary>
    Holder,
    /// <summary>Spouse or partner (<c>spouse</c>).</summary>
    Spouse,
    /// <summary>A child (<c>child</c>).</summary>
    Child,
    /// <summary>Anyone else covered (<c>other</c>).</summary>
    Other,
}

/// <summary>A person's names as the insurer knows them.</summary>
/// <param name="LastName">Usage name (nom d'usage).</param>
/// <param name="BirthName">Birth name (nom de naissance) when it differs, else null.</param>
/// <param name="FirstName">First names, as on the card.</param>
public sealed record PersonName(string LastName, string? BirthName, string FirstName)
{
    /// <summary>True when the presented names match, ignoring case, accents and separators; the last name may be the usage or the birth name.</summary>
    public bool Matches(string lastName, string firstName) =>
        NameNormalizer.AreEquivalent(FirstName, firstName)
        && (NameNormalizer.AreEquivalent(LastName, lastName)
            || (BirthName is not null && NameNormalizer.AreEquivalent(BirthName, lastName)));
}

/// <summary>
/// A person covered by a contract: the holder, a spouse, a child. Identified within an insurer by
/// (membership number, birth date, birth rank); twins share a birth date and differ by rank.
/// </summary>
public sealed class Beneficiary
{
    /// <summary>Creates a beneficiary; the caller has validated each field.</summary>
    public Beneficiary(
        BeneficiaryId id, AmcNumber insurer, string membershipNumber, int birthRank, PersonName name,
        DateOnly birthDate, Nir nir, Relationship relationship, string contractCode, DateRange rights)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(membershipNumber);
        ArgumentOutOfRangeException.ThrowIfLessThan(birthRank, 1);
        Id = id;
        Insurer = insurer;
        MembershipNumber = membershipNumber;
        BirthRank = birthRank;
        Name = name;
        BirthDate = birthDate;
        Nir = nir;
        Relationship = relationship;
        ContractCode = contractCode;
        Rights = rights;
    }

    /// <summary>Internal identifier.</summary>
    public BeneficiaryId Id { get; }

    /// <summary>The insurer.</summary>
    public AmcNumber Insurer { get; }

    /// <summary>The membership number on the card, shared by the family.</summary>
    public string MembershipNumber { get; }

    /// <summary>Birth rank: 1, or 2, 3… for twins and other multiple births.</summary>
    public int BirthRank { get; }

    /// <summary>Names.</summary>
    public PersonName Name { get; }

    /// <summary>Date of birth.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>The person's own NIR, or the insured person's when the beneficiary is covered under it.</summary>
    public Nir Nir { get; }

    /// <summary>Relationship to the holder.</summary>
    public Relationship Relationship { get; }

    /// <summary>The insurer's contract code.</summary>
    public string ContractCode { get; }

    /// <summary>When rights are open.</summary>
    public DateRange Rights { get; }

    /// <summary>
    /// True when the NIR looks like the person's own: its year and month of birth agree with the
    /// birth date (a child covered under a parent's NIR carries the parent's).
    /// </summary>
    public bool HasOwnNir => Nir.BirthYear == BirthDate.Year % 100 && (!Nir.HasCalendarMonth || Nir.BirthMonth == BirthDate.Month);

    /// <summary>Age in whole years on <paramref name="day"/>.</summary>
    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }
}
