namespace TiersPayant.Data.Records.Audit;

/// <summary>
/// One disclosure of a beneficiary's data: who (account or API client, practice, session, source
/// address), whom, which fields, why, through which channel, when. Written in the same
/// transaction as the business data of the request that disclosed; never updated.
/// </summary>
public sealed class DisclosureRecord
{
    public Guid Id { get; set; }

    /// <summary>UTC; a <see cref="DateTime"/> so both databases compare and order it in SQL.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary><c>account</c> or <c>client</c>.</summary>
    public required string ActorKind { get; set; }

    /// <summary>The portal account, when a person disclosed through the portal.</summary>
    public Guid? AccountId { get; set; }

    /// <summary>The API client, when a practice's software disclosed.</summary>
    public string? ClientId { get; set; }

    public Guid PracticeId { get; set; }

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

    /// <summary><c>api</c>, <c>fhir</c> or <c>portal</c>.</summary>
    public required string Channel { get; set; }

    /// <summary>The reference of the business record (rights check, agreement, claim).</summary>
    public required string Reference { get; set; }
}

/// <summary>A presented card and person that matched nobody: counted against the caller.</summary>
public sealed class MatchFailureRecord
{
    public Guid Id { get; set; }

    /// <summary><c>account:ID</c> or <c>client:ID</c>.</summary>
    public required string ActorKey { get; set; }

    public DateTime OccurredAt { get; set; }
}
