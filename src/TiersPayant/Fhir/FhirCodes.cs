namespace TiersPayant.Fhir;

/// <summary>
/// The code systems and identifier systems of our FHIR mapping. Our own codes live under
/// <c>urn:tierspayant:fhir:</c> so no client mistakes them for an HL7 or national terminology.
/// </summary>
internal static class FhirCodes
{
    /// <summary>Care domains (<c>pharmacie</c>, <c>optique</c>…): eligibility <c>item.category</c>, Claim <c>subType</c>.</summary>
    public const string CareDomain = "urn:tierspayant:fhir:care-domain";

    /// <summary>Our reference codes (LPP, CIP…): Claim <c>item.productOrService</c>.</summary>
    public const string Product = "urn:tierspayant:fhir:product";

    /// <summary>Equipment class (<c>A</c>, <c>B</c>, <c>I</c>, <c>II</c>): Claim <c>item.modifier</c>.</summary>
    public const string EquipmentClass = "urn:tierspayant:fhir:equipment-class";

    /// <summary>Side (<c>right</c>, <c>left</c>): Claim <c>item.modifier</c>.</summary>
    public const string Side = "urn:tierspayant:fhir:side";

    /// <summary>Claim <c>supportingInfo.category</c>: <c>document</c>, <c>correction-changed</c>, <c>face-changed</c>.</summary>
    public const string SupportingInfo = "urn:tierspayant:fhir:supporting-info";

    /// <summary>Attached documents (<c>prescription</c>, <c>quote</c>, <c>audiogram</c>, <c>radiograph</c>): <c>supportingInfo.code</c>.</summary>
    public const string Document = "urn:tierspayant:fhir:document";

    /// <summary>The complementary insurer's AMC number: Coverage <c>payor.identifier</c>.</summary>
    public const string Amc = "urn:tierspayant:fhir:amc";

    /// <summary>RPPS, the French national identifier of health professionals.</summary>
    public const string Rpps = "urn:oid:1.2.250.1.71.4.2.1";

    /// <summary>Our references (rights checks, agreements, claims).</summary>
    public const string Reference = "urn:tierspayant:fhir:reference";

    /// <summary>A payment's reference: the transfer's end-to-end identifier, the remittance statement's id.</summary>
    public const string Payment = "urn:tierspayant:fhir:payment";

    /// <summary>Who pays what: <c>total</c>, <c>amo</c> (statutory), <c>amc</c> (complementary), <c>patient</c>.</summary>
    public const string Share = "urn:tierspayant:fhir:share";

    /// <summary>Our stable reason codes (<c>renewal-period-not-elapsed</c>…): ClaimResponse <c>error.code</c>.</summary>
    public const string Reason = "urn:tierspayant:fhir:reason";

    /// <summary>HL7 adjudication categories (<c>submitted</c>, <c>benefit</c>, <c>copay</c>).</summary>
    public const string Adjudication = "http://terminology.hl7.org/CodeSystem/adjudication";
}
