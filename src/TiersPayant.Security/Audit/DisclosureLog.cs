using TiersPayant.Data;
using TiersPayant.Data.Records.Audit;
using TiersPayant.Security.Guard;

namespace TiersPayant.Security.Audit;

/// <summary>
/// Writes disclosure records into the caller's unit of work: they are saved by the same
/// <c>SaveChanges</c> as the business data, or not at all.
/// </summary>
public sealed class DisclosureLog(TiersPayantDbContext db, TimeProvider time)
{
    internal void Record(Actor actor, Guid beneficiaryId, string insurer, IReadOnlyCollection<string> fields, string purpose, string reference) =>
        db.Disclosures.Add(new DisclosureRecord
        {
            Id = Guid.CreateVersion7(),
            OccurredAt = time.GetUtcNow().UtcDateTime,
            ActorKind = actor.Kind,
            AccountId = actor.AccountId,
            ClientId = actor.ClientId,
            PracticeId = actor.PracticeId,
            SessionId = actor.SessionId,
            SourceAddress = actor.SourceAddress.Length > 45 ? actor.SourceAddress[..45] : actor.SourceAddress,
            BeneficiaryId = beneficiaryId,
            InsurerAmc = insurer,
            Fields = string.Join(',', fields.Order(StringComparer.Ordinal)),
            Purpose = purpose,
            Channel = actor.Channel,
            Reference = reference,
        });
}

/// <summary>Names of the fields a disclosure can carry, as counted by the breach scope.</summary>
public static class DisclosedFields
{
    /// <summary>Coverage: the insurer, the contract's domains and the rights periods.</summary>
    public const string Rights = "rights";

    /// <summary>The last name.</summary>
    public const string LastName = "lastName";

    /// <summary>The first name.</summary>
    public const string FirstName = "firstName";

    /// <summary>The birth date.</summary>
    public const string BirthDate = "birthDate";

    /// <summary>The membership number.</summary>
    public const string MemberNumber = "memberNumber";

    /// <summary>The NIR (never sent to the portal).</summary>
    public const string Nir = "nir";

    /// <summary>Amounts and lines of an agreement or a claim.</summary>
    public const string Care = "care";
}
