using Hl7.Fhir.Model;
using TiersPayant.Eligibility;

namespace TiersPayant.Fhir;

/// <summary>
/// The card and the person as presented, read from a request's contained Patient (name, birth
/// date, <c>multipleBirthInteger</c> as birth rank) and Coverage (payor identifier = AMC number,
/// <c>subscriberId</c> = membership number). They stay contained: nobody is created or looked up
/// by reference, so the request proves possession of the card exactly as the REST API does.
/// </summary>
internal static class FhirPresentation
{
    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["card.insurer"] = "Coverage.payor.identifier.value",
        ["card.memberNumber"] = "Coverage.subscriberId",
        ["beneficiary.lastName"] = "Patient.name.family",
        ["beneficiary.firstName"] = "Patient.name.given",
        ["beneficiary.birthDate"] = "Patient.birthDate",
        ["beneficiary.birthRank"] = "Patient.multipleBirthInteger",
    };

    /// <summary>The card and person contained in <paramref name="resource"/>, else among <paramref name="siblings"/> (a Bundle's other entries).</summary>
    public static (EligibilityCard? Card, EligibilityPerson? Person) Read(DomainResource resource, IReadOnlyList<Resource>? siblings = null)
    {
        var patient = resource.Contained.OfType<Patient>().FirstOrDefault() ?? siblings?.OfType<Patient>().FirstOrDefault();
        var coverage = resource.Contained.OfType<Coverage>().FirstOrDefault() ?? siblings?.OfType<Coverage>().FirstOrDefault();
        var card = coverage is null ? null : new EligibilityCard(
            coverage.Payor.Select(p => p.Identifier).FirstOrDefault(i => i?.System == FhirCodes.Amc)?.Value, coverage.SubscriberId);
        var name = patient?.Name.FirstOrDefault();
        var person = patient is null ? null : new EligibilityPerson(
            name?.Family, name is null ? null : string.Join(' ', name.Given),
            patient.BirthDate, patient.MultipleBirth is Integer rank ? rank.Value : null);
        return (card, person);
    }

    /// <summary>The FHIR path of a presentation field (<c>card.…</c>, <c>beneficiary.…</c>), or null for another field.</summary>
    public static string? Path(string field) => Paths.GetValueOrDefault(field);

    /// <summary>A reference naming nothing of the person: answers never echo identity.</summary>
    public static ResourceReference Anonymous(string display) => new() { Display = display };
}
