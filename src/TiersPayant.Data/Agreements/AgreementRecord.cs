namespace TiersPayant.Data.Agreements;

/// <summary>
/// A prior agreement (PEC) as decided: who asked, for whom (by identifier only), what the engine
/// answered. The quote's lines and their amounts are kept as the JSON the answer was built from.
/// </summary>
public sealed class AgreementRecord
{
    public Guid Id { get; set; }

    /// <summary>The agreement number given to the professional, e.g. <c>PEC-7K3F9Q2M4N</c>.</summary>
    public required string Number { get; set; }

    public Guid PracticeId { get; set; }

    public Guid BeneficiaryId { get; set; }

    public required string Domain { get; set; }

    /// <summary><c>accepted</c>, <c>partial</c>, <c>refused</c> or <c>pending</c>.</summary>
    public required string Status { get; set; }

    public DateOnly CareDate { get; set; }

    /// <summary>Last day it can be invoiced against; null unless accepted or partial.</summary>
    public DateOnly? ValidUntil { get; set; }

    public long TotalCents { get; set; }

    public long AmoCents { get; set; }

    public long AmcCents { get; set; }

    public long PatientCents { get; set; }

    /// <summary>Reason codes, comma-separated.</summary>
    public required string Reasons { get; set; }

    /// <summary>Documents the request lacked, comma-separated.</summary>
    public required string MissingDocuments { get; set; }

    /// <summary>The lines as sent and as decided (JSON).</summary>
    public required string LinesJson { get; set; }

    public required string RulesEdition { get; set; }

    /// <summary>The quote came with a prescription showing a change of correction or face.</summary>
    public bool NewPrescription { get; set; }

    /// <summary><c>api</c>, <c>fhir</c> or <c>portal</c>.</summary>
    public required string Channel { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When an insurer's manager decided a pending request.</summary>
    public DateTime? ReviewedAt { get; set; }

    /// <summary>The manager's account.</summary>
    public Guid? ReviewedBy { get; set; }

    /// <summary>The insurer (AMC number) of the beneficiary: whose managers review it.</summary>
    public required string InsurerAmc { get; set; }
}

/// <summary>
/// Something a beneficiary received in a domain (a frame, a lens, a hearing aid), as invoiced or
/// as the insurer's history says: what renewal periods and period ceilings are counted from.
/// </summary>
public sealed class EquipmentRecord
{
    public Guid Id { get; set; }

    public Guid BeneficiaryId { get; set; }

    public required string Domain { get; set; }

    /// <summary>A product kind wire code, e.g. <c>lens-simple</c>.</summary>
    public required string Kind { get; set; }

    /// <summary><c>right</c>, <c>left</c>, or null.</summary>
    public string? Side { get; set; }

    public DateOnly DeliveredOn { get; set; }

    public bool WithNewPrescription { get; set; }

    public long InsurerPaidCents { get; set; }

    /// <summary>The claim that delivered it, if it came through the platform (cancelling the claim removes it).</summary>
    public Guid? ClaimId { get; set; }
}
