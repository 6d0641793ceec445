using System.Globalization;
using TiersPayant.Domain;
using TiersPayant.Domain.Identity;
using TiersPayant.Domain.Members;

namespace TiersPayant.Members.Import;

/// <summary>
/// Checks every field of a member row and names each fault; pure, so every rule is tested
/// without a database. Messages never repeat a value of the row (it may be personal data).
/// </summary>
internal static class MemberRowValidator
{
    private const int MaxNameLength = 100;
    private const int MaxMembershipLength = 30;
    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    public static (ValidMember? Member, List<ImportError> Errors) Validate(MemberRow row, Insurer insurer, DateOnly today)
    {
        var errors = new List<ImportError>();
        if (row.Unreadable is { } reason)
        {
            errors.Add(new ImportError(row.Line, "row", reason));
            return (null, errors);
        }

        void Fail(string field, string message) => errors.Add(new ImportError(row.Line, field, message));
        string F(string column) => row.Fields[column];

        var membership = F("membership_number");
        if (membership.Length == 0)
        {
            Fail("membership_number", "is required");
        }
        else if (membership.Length > MaxMembershipLength || !membership.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
        {
            Fail("membership_number", $"must be 1 to {MaxMembershipLength} letters, digits, spaces or hyphens");
        }

        if (!int.TryParse(F("birth_rank"), NumberStyles.None, CultureInfo.InvariantCulture, out var rank) || rank is < 1 or > 9)
        {
            Fail("birth_rank", "must be a whole number from 1 to 9");
        }

        var lastName = Name(F("last_name"), "last_name", required: true, Fail);
        var birthName = Name(F("birth_name"), "birth_name", required: false, Fail);
        var firstName = Name(F("first_name"), "first_name", required: true, Fail);

        var birthDate = Date(F("birth_date"), "birth_date", required: true, Fail);
        if (birthDate is { } b && (b > today || b < EarliestBirth))
        {
            Fail("birth_date", "must be between 1900-01-01 and today");
        }

        Nir? nir = null;
        if (!Nir.TryParse(F("nir"), out var parsedNir, out var nirError))
        {
            Fail("nir", nirError.ToMessage());
        }
        else
        {
            nir = parsedNir;
        }

        if (!RelationshipCodes.TryParse(F("relationship"), out var relationship))
        {
            Fail("relationship", "must be holder, spouse, child or other");
        }
        else if (relationship == Relationship.Holder && nir is { } holderNir && birthDate is { } holderBirth
            && (holderNir.BirthYear != holderBirth.Year % 100 || (holderNir.HasCalendarMonth && holderNir.BirthMonth != holderBirth.Month)))
        {
            Fail("nir", "a holder's own NIR must match the year and month of birth_date");
        }

        var contract = F("contract");
        if (insurer.FindContract(contract) is null)
        {
            Fail("contract", "is not one of this insurer's contract codes");
        }

        var rightsFrom = Date(F("rights_from"), "rights_from", required: true, Fail);
        var rightsTo = Date(F("rights_to"), "rights_to", required: false, Fail);
        if (rightsFrom is { } from && rightsTo is { } to && to < from)
        {
            Fail("rights_to", "ends before rights_from");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidMember(
            row.Line, membership, rank, new PersonName(lastName!, birthName, firstName!), birthDate!.Value, nir!.Value,
            relationship, contract, new DateRange(rightsFrom!.Value, rightsTo)), errors);
    }

    private static string? Name(string value, string field, bool required, Action<string, string> fail)
    {
        if (value.Length == 0)
        {
            if (required)
            {
                fail(field, "is required");
            }

            return null;
        }

        if (value.Length > MaxNameLength || value.Any(char.IsControl) || value.Any(char.IsAsciiDigit) || NameNormalizer.Normalize(value).Length == 0)
        {
            fail(field, $"must be a name of 1 to {MaxNameLength} letters (accents, spaces, hyphens and apostrophes allowed)");
            return null;
        }

        return value;
    }

    private static DateOnly? Date(string value, string field, bool required, Action<string, string> fail)
    {
        if (value.Length == 0)
        {
            if (required)
            {
                fail(field, "is required");
            }

            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            fail(field, "must be a date YYYY-MM-DD");
            return null;
        }

        return date;
    }
}

/// <summary>A row that passed every check.</summary>
internal sealed record ValidMember(
    long Line, string MembershipNumber, int BirthRank, PersonName Name, DateOnly BirthDate, Nir Nir,
    Relationship Relationship, string ContractCode, DateRange Rights)
{
    public Beneficiary ToBeneficiary(BeneficiaryId id, AmcNumber insurer) =>
        new(id, insurer, MembershipNumber, BirthRank, Name, BirthDate, Nir, Relationship, ContractCode, Rights);
}
