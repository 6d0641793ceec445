using Hl7.Fhir.Model;
using TiersPayant.Agreements;

namespace TiersPayant.Fhir;

/// <summary>
/// The prescription of a Claim: the contained resource <c>Claim.prescription</c> points to. A
/// VisionPrescription gives the date, prescriber and correction per eye; a MedicationRequest or
/// DeviceRequest (pharmacy, hearing aids) gives the date and prescriber. The prescriber is a
/// logical reference whose identifier is the RPPS number.
/// </summary>
internal static class ClaimPrescription
{
    public static PrescriptionBody? From(Claim claim, bool correctionChanged, bool faceChanged)
    {
        var target = claim.Prescription?.Reference is ['#', .. var id]
            ? claim.Contained.FirstOrDefault(r => r.Id == id)
            : claim.Contained.FirstOrDefault(r => r is VisionPrescription or MedicationRequest or DeviceRequest);
        return target switch
        {
            VisionPrescription vision => new PrescriptionBody(
                ClaimMapping.DateOf(vision.DateWritten), vision.Prescriber?.Identifier?.Value,
                new CorrectionBody(Eye(vision, VisionPrescription.VisionEyes.Right), Eye(vision, VisionPrescription.VisionEyes.Left)), correctionChanged, faceChanged),
            MedicationRequest medication => new PrescriptionBody(
                ClaimMapping.DateOf(medication.AuthoredOn), medication.Requester?.Identifier?.Value, null, correctionChanged, faceChanged),
            DeviceRequest device => new PrescriptionBody(
                ClaimMapping.DateOf(device.AuthoredOn), device.Requester?.Identifier?.Value, null, correctionChanged, faceChanged),
            _ => null,
        };
    }

    private static EyeBody? Eye(VisionPrescription prescription, VisionPrescription.VisionEyes eye) =>
        prescription.LensSpecification.FirstOrDefault(l => l.Eye == eye) is { } lens
            ? new EyeBody(lens.Sphere ?? 0, lens.Cylinder ?? 0, lens.Axis ?? 0, lens.Add ?? 0)
            : null;
}
