using TiersPayant.Domain.Claims;
namespace TiersPayant.Data.Claims;

/// <summary>
/// An invoice as adjudicated. The practice's idempotency key and a hash of the request body make
/// a resent request return this same answer instead of a second claim.
/// </summary>
public sealed class ClaimRecord
{
    public Guid Id { get; set; }

    /// <summary>The claim identifier given to the professional, e.g. <c>FAC-7K3F9Q2M4N</c>.</summary>
    public required string Number { get; set; }

    public Guid PracticeId { get; set; }

    /// <summary>The <c>Idempotency-Key</c> the practice's software sent.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request body: the same key with another body is a conflict.</summary>
    public required byte[] RequestHash { get; set; }

    /// <summary>Null when the card matched nobody (a rejected claim).</summary>
    public Guid? BeneficiaryId { get; set; }

    /// <summary>The beneficiary's insurer (AMC), who owes the insurer share; null when the card matched nobody.</summary>
    public string? InsurerAmc { get; set; }

    public string? AgreementNumber { get; set; }

    public required string Domain { get; set; }

    public DateOnly CareDate { get; set; }

    /// <summary><c>accepted</c>, <c>rejected</c> or <c>cancelled</c>.</summary>
    public required ClaimStatus Status { get; set; }

    public long TotalCents { get; set; }

    public long AmoCents { get; set; }

    public long AmcCents { get; set; }

    public long PatientCents { get; set; }

    public required string Reasons { get; set; }

    /// <summary>The lines as sent and as adjudicated (JSON).</summary>
    public required string LinesJson { get; set; }

    public required string Channel { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    /// <summary>Set by a payment run; a paid claim cannot be cancelled.</summary>
    public DateTime? PaidAt { get; set; }
}
