using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;

namespace TiersPayant.Fhir;

/// <summary>
/// The code systems, values and identifier systems a client sends, per resource, as the
/// CapabilityStatement's documentation (markdown). The values come from the domain's own lists,
/// so a new care domain or document type is documented as soon as it is accepted.
/// </summary>
internal static class FhirTerminology
{
    private const string ClaimUse = "http://hl7.org/fhir/claim-use";
    private const string ClaimType = "http://terminology.hl7.org/CodeSystem/claim-type";
    private const string ProcessPriority = "http://terminology.hl7.org/CodeSystem/processpriority";
    private const string EligibilityPurpose = "http://hl7.org/fhir/eligibilityrequest-purpose";

    private static string Codes(IEnumerable<string> codes) => string.Join(", ", codes.Select(c => "`" + c + "`"));

    private static string Domains => Codes(CareDomains.All.Select(d => d.Code()));

    /// <summary>What every resource shares: our systems, and what is never sent.</summary>
    public static string Rest =>
        "Codes and identifiers a client sends (each coding is read from the system named here; a coding of another system is ignored, "
        + "so a required one is then reported missing with its FHIR path): "
        + $"care domains `{FhirCodes.CareDomain}` ({Domains}); products and acts `{FhirCodes.Product}` "
        + $"(the codes of `GET /api/v1/reference/codes?domain=D`: LPP codes in optique and audioprothese, CCAM acts in dentaire, CIP13 in pharmacie); "
        + $"equipment class `{FhirCodes.EquipmentClass}` ({Codes(EquipmentClasses.All.Select(c => c.Code()))}); side `{FhirCodes.Side}` ({Codes(Sides.All.Select(s => s.Code()))}); "
        + $"supporting information `{FhirCodes.SupportingInfo}` (`document`, `correction-changed`, `face-changed`); documents `{FhirCodes.Document}` "
        + $"({Codes(SupportingDocuments.All.Select(d => d.Code()))}); the insurer's AMC number: identifier system `{FhirCodes.Amc}`; "
        + $"the prescriber's RPPS number: identifier system `{FhirCodes.Rpps}`; the membership number is `Coverage.subscriberId`. "
        + "The NIR is never sent nor returned. "
        + $"Answers use `{FhirCodes.Reference}` (our references), `{FhirCodes.Adjudication}` with `{FhirCodes.Share}` (total, amo, amc, patient), "
        + $"`{FhirCodes.Reason}` (reason codes), `{FhirCodes.Payment}` (payments) and, in OperationOutcome `issue.details`, `{FhirOutcomes.ErrorSystem}`.";

    public static string CoverageEligibilityRequest =>
        $"`purpose`: `validation`, `benefits` (`{EligibilityPurpose}`; both when absent). `item.category`: `{FhirCodes.CareDomain}` ({Domains}). "
        + "`servicedDate`: the care date. A contained Patient (`name.family`, `name.given`, `birthDate`, `multipleBirthInteger` = birth rank) "
        + $"and a contained Coverage (`payor.identifier` system `{FhirCodes.Amc}` = the AMC number, `subscriberId` = the membership number). "
        + $"Answers a CoverageEligibilityResponse whose `request` is the request's first identifier, or when it has none the check's reference (`{FhirCodes.Reference}`).";

    public static string Claim =>
        $"`use`: `preauthorization` or `claim` (`{ClaimUse}`). `type`: `{ClaimType}` (e.g. `vision`, `oral`, `pharmacy`, `professional`). "
        + $"`priority`: `{ProcessPriority}` (`normal`). `subType`: `{FhirCodes.CareDomain}` ({Domains}). "
        + $"`item.productOrService`: `{FhirCodes.Product}`; `item.modifier`: `{FhirCodes.EquipmentClass}` ({Codes(EquipmentClasses.All.Select(c => c.Code()))}) "
        + $"and `{FhirCodes.Side}` ({Codes(Sides.All.Select(s => s.Code()))}); `item.unitPrice` in EUR. "
        + $"`supportingInfo.category`: `{FhirCodes.SupportingInfo}` (`document` with `code` in `{FhirCodes.Document}`: {Codes(SupportingDocuments.All.Select(d => d.Code()))}; "
        + "`correction-changed`, `face-changed` with `valueBoolean`). `prescription`: a contained VisionPrescription, MedicationRequest or DeviceRequest "
        + $"whose prescriber or requester has the identifier system `{FhirCodes.Rpps}` (RPPS). `insurance.preAuthRef`: the agreement invoiced.";
}
