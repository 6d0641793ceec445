using TiersPayant.Domain.Eligibility;
namespace TiersPayant.Data.Eligibility;

/// <summary>A rights check and its answer, kept for the practice and the insurer (no identity in it).</summary>
public sealed class EligibilityCheckRecord
{
    public Guid Id { get; set; }

    /// <summary>The reference given in the answer.</summary>
    public required string Reference { get; set; }

    public DateTime OccurredAt { get; set; }

    public Guid PracticeId { get; set; }

    /// <summary><c>api</c>, <c>fhir</c> or <c>portal</c>.</summary>
    public required string Channel { get; set; }

    /// <summary><c>covered</c>, <c>not-covered</c> or <c>no-match</c>.</summary>
    public required EligibilityStatus Status { get; set; }

    /// <summary>Null when the presented card matched nobody.</summary>
    public Guid? BeneficiaryId { get; set; }

    public DateOnly CareDate { get; set; }

    /// <summary>The domains asked about, comma-separated.</summary>
    public required string Domains { get; set; }
}
