using System.Globalization;
using Hl7.Fhir.Model;
using TiersPayant.Domain.Eligibility;
using TiersPayant.Eligibility;

namespace TiersPayant.Fhir;

/// <summary>
/// CoverageEligibilityRequest to the rights check's request, and its answer to a
/// CoverageEligibilityResponse that carries coverage per domain and nothing of the person.
/// </summary>
internal static class EligibilityMapping
{
    /// <summary>The single error code for every mismatch.</summary>
    public const string NoMatchCode = "no-match";

    public static EligibilityRequest Request(CoverageEligibilityRequest fhir)
    {
        var (card, person) = FhirPresentation.Read(fhir);
        var domains = fhir.Item.Select(i => ClaimMapping.Code(i.Category, FhirCodes.CareDomain) ?? "").ToList();
        return new EligibilityRequest(card, person, (fhir.Serviced as Date)?.Value, domains);
    }

    /// <summary>The FHIR path of a validator field.</summary>
    public static string Path(string field) => FhirPresentation.Path(field) ?? field switch
    {
        "careDate" => "CoverageEligibilityRequest.servicedDate",
        _ when field.StartsWith("domains[", StringComparison.Ordinal) => "CoverageEligibilityRequest.item" + field["domains".Length..] + ".category",
        _ => "CoverageEligibilityRequest",
    };

    public static CoverageEligibilityResponse Response(CoverageEligibilityRequest request, EligibilityAnswer answer, DateTimeOffset now)
    {
        var response = new CoverageEligibilityResponse
        {
            Identifier = [new Identifier(FhirCodes.Reference, answer.Reference)],
            Status = FinancialResourceStatusCodes.Active,
            Purpose = request.Purpose.Any()
                ? [.. request.Purpose.Select(p => (CoverageEligibilityResponse.EligibilityResponsePurpose?)Enum.Parse<CoverageEligibilityResponse.EligibilityResponsePurpose>(p.ToString()!))]
                : [CoverageEligibilityResponse.EligibilityResponsePurpose.Validation, CoverageEligibilityResponse.EligibilityResponsePurpose.Benefits],
            Patient = FhirPresentation.Anonymous("The patient presented in the request"),
            Serviced = request.Serviced,
            Created = now.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            Request = RequestOf(request, answer.Reference),
            Insurer = new ResourceReference { Display = "TiersPayant" },
        };
        if (answer.Status == EligibilityStatus.NoMatch.Code())
        {
            // The same answer for a wrong name, date, rank or number: saying which would leak who is insured.
            response.Outcome = ClaimProcessingCodes.Error;
            response.Disposition = "The card and the person presented match no beneficiary.";
            response.Error = [new CoverageEligibilityResponse.ErrorsComponent { Code = new CodeableConcept(FhirOutcomes.ErrorSystem, NoMatchCode) }];
            return response;
        }

        response.Outcome = ClaimProcessingCodes.Complete;
        response.Disposition = answer.Status;
        var covered = answer.Coverage.Where(c => c.Covered).ToList();
        var insurance = new CoverageEligibilityResponse.InsuranceComponent
        {
            Coverage = FhirPresentation.Anonymous("The card presented in the request"),
            Inforce = covered.Count > 0,
            Item = [.. answer.Coverage.Select(Item)],
        };

        // One period for the card when every covered domain runs over the same dates; otherwise none rather than a wrong one.
        if (covered.Select(c => (c.From, c.To)).Distinct().ToList() is [var (from, to)])
        {
            insurance.BenefitPeriod = Period(from, to);
        }

        response.Insurance = [insurance];
        return response;
    }

    /// <summary>
    /// <c>request</c> is required (1..1) but the request is not kept as a resource here: a logical
    /// reference by the client's own identifier of it, or, when it sent none, by the reference
    /// this check was recorded under (the response's identifier too).
    /// </summary>
    private static ResourceReference RequestOf(CoverageEligibilityRequest request, string reference) => new()
    {
        Type = "CoverageEligibilityRequest",
        Identifier = request.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.Value)) is { } sent
            ? new Identifier(sent.System, sent.Value)
            : new Identifier(FhirCodes.Reference, reference),
    };

    private static CoverageEligibilityResponse.ItemsComponent Item(CoverageLine line) => new()
    {
        Category = new CodeableConcept(FhirCodes.CareDomain, line.Domain),
        Excluded = !line.Covered,
        Benefit = line.Covered
            ? [new CoverageEligibilityResponse.BenefitComponent
            {
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/benefit-type", "benefit"),
                Allowed = new FhirString("third-party payment"),
            }]
            : [],
        Description = line.From is null ? null : "Covered " + Period(line.From, line.To).Start + " to " + (line.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "open end"),
    };

    internal static Period Period(DateOnly? from, DateOnly? to) => new()
    {
        Start = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        End = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
