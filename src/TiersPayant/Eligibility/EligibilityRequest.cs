using System.Globalization;
using TiersPayant.Domain;
using TiersPayant.Security.Guard;

namespace TiersPayant.Eligibility;

/// <summary>The body of <c>POST /api/v1/eligibility</c> (CONTRACT.md). Dates are ISO strings, checked here with named errors.</summary>
public sealed record EligibilityRequest(EligibilityCard? Card, EligibilityPerson? Beneficiary, string? CareDate, IReadOnlyList<string>? Domains);

/// <summary>What is printed on the card.</summary>
public sealed record EligibilityCard(string? Insurer, string? MemberNumber);

/// <summary>The person in front of the professional.</summary>
public sealed record EligibilityPerson(string? LastName, string? FirstName, string? BirthDate, int? BirthRank);

/// <summary>Checks a rights-check request field by field; the same rules for the API, FHIR and the portal.</summary>
internal static class EligibilityValidator
{
    public const int MaxNameLength = 100;
    public const int MaxMemberNumberLength = 20;

    public static (EligibilityQuery? Query, Dictionary<string, string[]> Errors) Validate(EligibilityRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        var card = Presentation(request.Card, request.Beneficiary, today, Error);
        var care = request.CareDate is null ? today : Date(request.CareDate, "careDate", Error);
        if (care is { } c && (c < today.AddYears(-2) || c > today.AddYears(1)))
        {
            Error("careDate", "must lie within two years before and one year after today");
        }

        var domains = new List<CareDomain>();
        foreach (var (code, i) in (request.Domains ?? []).Select((code, i) => (code, i)))
        {
            if (!CareDomains.TryParse(code, out var domain))
            {
                Error($"domains[{i}]", "unknown domain; one of " + string.Join(", ", CareDomains.All.Select(d => d.Code())));
            }
            else if (domains.Contains(domain))
            {
                Error($"domains[{i}]", "appears twice");
            }
            else
            {
                domains.Add(domain);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new EligibilityQuery(card!, care!.Value, domains), errors);
    }

    /// <summary>The card and person as presented, or null with the errors named (<c>card.…</c>, <c>beneficiary.…</c>).</summary>
    public static CardPresentation? Presentation(EligibilityCard? cardFields, EligibilityPerson? person, DateOnly today, Action<string, string> error)
    {
        var failed = false;
        void Fail(string field, string message)
        {
            failed = true;
            error(field, message);
        }

        AmcNumber insurer = default;
        if (!AmcNumber.TryParse(cardFields?.Insurer, out insurer))
        {
            Fail("card.insurer", "required: the AMC number on the card (8 to 10 digits)");
        }

        var number = cardFields?.MemberNumber?.Trim();
        if (string.IsNullOrEmpty(number) || number.Length > MaxMemberNumberLength || !number.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '))
        {
            Fail("card.memberNumber", $"required: letters and digits as on the card, at most {MaxMemberNumberLength}");
        }

        var last = Name(person?.LastName, "beneficiary.lastName", Fail);
        var first = Name(person?.FirstName, "beneficiary.firstName", Fail);
        var birth = Date(person?.BirthDate, "beneficiary.birthDate", Fail);
        if (birth is { } b && (b > today || b.Year < 1900))
        {
            Fail("beneficiary.birthDate", "must lie between 1900-01-01 and today");
        }

        if (person?.BirthRank is { } rank && rank is < 1 or > 9)
        {
            Fail("beneficiary.birthRank", "must be between 1 and 9 (1 unless twins or more)");
        }

        return failed ? null : new CardPresentation(insurer, number!, last!, first!, birth!.Value, person!.BirthRank);
    }

    private static string? Name(string? value, string field, Action<string, string> error)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength || !trimmed.Any(char.IsLetter))
        {
            error(field, $"required: as on the card, at most {MaxNameLength} characters");
            return null;
        }

        return trimmed;
    }

    internal static DateOnly? Date(string? value, string field, Action<string, string> error)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error(field, "required: a date YYYY-MM-DD");
        return null;
    }
}
