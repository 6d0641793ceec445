namespace TiersPayant.Data.Eligibility;

/// <summary>
/// The patient a professional has just checked on the portal, kept for the next steps of the same
/// visit (prior agreement, invoice) so that nothing is typed twice. It holds what the professional
/// typed (card and identity, encrypted; never anything read about the person), is bound to one
/// session of one account of one practice, and is worth nothing after <see cref="ExpiresAt"/>.
/// </summary>
internal sealed class CheckedPatientRecord
{
    /// <summary>A random handle, known only to the session that checked the patient.</summary>
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid AccountId { get; set; }

    public Guid PracticeId { get; set; }

    /// <summary>The rights check's reference.</summary>
    public required string CheckReference { get; set; }

    public DateOnly CareDate { get; set; }

    /// <summary>The domains covered on the care date, comma-separated.</summary>
    public required string Domains { get; set; }

    /// <summary>The card and identity as typed, encrypted with the field cipher and bound to this row.</summary>
    public required byte[] PresentedCipher { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
