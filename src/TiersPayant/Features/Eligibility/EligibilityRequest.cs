using System.Globalization;
using TiersPayant.Domain;
using TiersPayant.Security.Guard;

namespace TiersPayant.Features.Eligibility;

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

        AmcNumber insurer = default;
        if (!AmcNumber.TryParse(request.Card?.Insurer, out insurer))
        {
            Error("card.insurer", "required: the AMC number on the card (8 to 10 digits)");
        }

        var number = request.Card?.MemberNumber?.Trim();
        if (string.IsNullOrEmpty(number) || number.Length > MaxMemberNumberLength || !number.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '))
        {
            Error("card.memberNumber", $"required: letters and digits as on the card, at most {MaxMemberNumberLength}");
        }

        var last = Name(request.Beneficiary?.LastName, "beneficiary.lastName", Error);
        var first = Name(request.Beneficiary?.FirstName, "beneficiary.firstName", Error);
        var birth = Date(request.Beneficiary?.BirthDate, "beneficiary.birthDate", Error);
        if (birth is { } b && (b > today || b.Year < 1900))
        {
            Error("beneficiary.birthDate", "must lie between 1900-01-01 and today");
        }

        if (request.Beneficiary?.BirthRank is { } rank && rank is < 1 or > 9)
        {
            Error("beneficiary.birthRank", "must be between 1 and 9 (1 unless twins or more)");
        }

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

        var card = new CardPresentation(insurer, number!, last!, first!, birth!.Value, request.Beneficiary!.BirthRank);
        return (new EligibilityQuery(card, care!.Value, domains), errors);
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

    private static DateOnly? Date(string? value, string field, Action<string, string> error)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error(field, "required: a date YYYY-MM-DD");
        return null;
    }
}
