namespace TiersPayant.Data.Audit;

/// <summary>
/// One disclosure of a beneficiary's data: who (account, API client, staff member or named door;
/// practice, role, session, source address), whom, which fields, why, through which channel,
/// when. Committed before the data is handed over; never updated nor deleted (the database refuses).
/// </summary>
internal sealed class DisclosureRecord
{
    public Guid Id { get; set; }

    /// <summary>The record's position in the Merkle log (0, 1, 2…): its leaf index, given under the log's head lock.</summary>
    public long Seq { get; set; }

    /// <summary>
    /// The RFC 6962 leaf hash of the record's log entry, as written: lets verification name the
    /// first record whose columns no longer give it. Null only for records older than the Merkle log.
    /// </summary>
    public byte[]? LeafHash { get; set; }

    /// <summary>UTC, to the microsecond (what PostgreSQL keeps); a <see cref="DateTime"/> so both databases compare and order it in SQL.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary><c>account</c>, <c>client</c>, <c>staff</c> or <c>system</c>.</summary>
    public required string ActorKind { get; set; }

    /// <summary>The portal account, when a person disclosed through the portal.</summary>
    public Guid? AccountId { get; set; }

    /// <summary>The API client, when a practice's software disclosed.</summary>
    public string? ClientId { get; set; }

    /// <summary>The practice acted for; none for staff and named doors.</summary>
    public Guid? PracticeId { get; set; }

    /// <summary>For staff, their role (<c>insurer-manager</c>, <c>support</c>, <c>dpo</c>); for a named door, its name.</summary>
    public string? Role { get; set; }

    /// <summary>The portal session, if any.</summary>
    public Guid? SessionId { get; set; }

    public required string SourceAddress { get; set; }

    public Guid BeneficiaryId { get; set; }

    /// <summary>The beneficiary's insurer (AMC number), for counting by insurer.</summary>
    public required string InsurerAmc { get; set; }

    /// <summary>The fields disclosed, comma-separated, e.g. <c>rights</c> or <c>lastName,firstName</c>.</summary>
    public required string Fields { get; set; }

    /// <summary><c>eligibility</c>, <c>agreement</c>, <c>claim</c>, <c>list</c>.</summary>
    public required string Purpose { get; set; }

    /// <summary><c>api</c>, <c>fhir</c>, <c>portal</c> or <c>cli</c>.</summary>
    public required string Channel { get; set; }

    /// <summary>The reference of the business record (rights check, agreement, claim).</summary>
    public required string Reference { get; set; }
}
