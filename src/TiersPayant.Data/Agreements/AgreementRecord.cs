using TiersPayant.Domain.Agreements;
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
    public required AgreementStatus Status { get; set; }

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
