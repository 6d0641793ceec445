using System.Text.Json;
using Hl7.Fhir.Model;

namespace TiersPayant.Tests.Fhir;

/// <summary>Claim/$submit bundles: a preauthorization for class A glasses, and the claim that invoices it.</summary>
internal static class ClaimBuilder
{
    public static Bundle Preauthorization(JsonElement card) => Wrap(new Claim
    {
        Identifier = [new Identifier("urn:test", "devis-1")],
        Contained =
        [
            .. FhirKit.Presented(card),
            new VisionPrescription
            {
                Id = "rx",
                Status = FinancialResourceStatusCodes.Active,
                Created = FhirKit.Today,
                Patient = new ResourceReference("#patient"),
                DateWritten = DateOnly.FromDateTime(DateTime.Today).AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Prescriber = new ResourceReference { Identifier = new Identifier("urn:oid:1.2.250.1.71.4.2.1", "10000123454") },
                LensSpecification =
                [
                    new VisionPrescription.LensSpecificationComponent { Eye = VisionPrescription.VisionEyes.Right, Sphere = -1m, Cylinder = 0m, Axis = 0, Add = 0m },
                    new VisionPrescription.LensSpecificationComponent { Eye = VisionPrescription.VisionEyes.Left, Sphere = -1m, Cylinder = 0m, Axis = 0, Add = 0m },
                ],
            },
        ],
        Use = ClaimUseCode.Preauthorization,
        Prescription = new ResourceReference("#rx"),
        Insurance = [new Claim.InsuranceComponent { Sequence = 1, Focal = true, Coverage = new ResourceReference("#coverage") }],
        SupportingInfo = [Document(1, "prescription"), Document(2, "quote")],
    });

    public static Bundle Invoice(string agreementNumber, string identifier) => Wrap(new Claim
    {
        Identifier = [new Identifier("urn:test", identifier)],
        Use = ClaimUseCode.Claim,
        Insurance = [new Claim.InsuranceComponent { Sequence = 1, Focal = true, Coverage = new ResourceReference { Display = "card" }, PreAuthRef = [agreementNumber] }],
    });

    private static Bundle Wrap(Claim claim)
    {
        claim.Status = FinancialResourceStatusCodes.Active;
        claim.Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/claim-type", "vision");
        claim.SubType = new CodeableConcept("urn:tierspayant:fhir:care-domain", "optique");
        claim.Patient ??= new ResourceReference("#patient");
        claim.Created = FhirKit.Today;
        claim.Provider = new ResourceReference { Display = "practice" };
        claim.Priority = new CodeableConcept("http://terminology.hl7.org/CodeSystem/processpriority", "normal");
        claim.BillablePeriod = new Period { Start = FhirKit.Today };
        claim.Item = FhirKit.ClassAGlasses();
        return new Bundle { Type = Bundle.BundleType.Collection, Entry = [new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = claim }] };
    }

    private static Claim.SupportingInformationComponent Document(int sequence, string code) => new()
    {
        Sequence = sequence,
        Category = new CodeableConcept("urn:tierspayant:fhir:supporting-info", "document"),
        Code = new CodeableConcept("urn:tierspayant:fhir:document", code),
    };
}
