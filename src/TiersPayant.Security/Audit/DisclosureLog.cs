using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Guard;
using TiersPayant.Security.Guard;

namespace TiersPayant.Security.Audit;

/// <summary>
/// Writes disclosure records durably, in units of work of their own, before the data is handed
/// over: whatever the module then does (throws, rolls back, clears its change tracker), the
/// record stays. Each record becomes the next leaf of the log's Merkle tree
/// (<see cref="DisclosureAppender"/>: group commit, answered once durable). The log is
/// append-only: nothing here updates or deletes, and the database refuses it (triggers created by
/// the migrations).
/// </summary>
public sealed class DisclosureLog
{
    private readonly DbContextOptions<TiersPayantDbContext> _options;
    private readonly DisclosureAppender _appender;
    private readonly TimeProvider _time;

    internal DisclosureLog(DbContextOptions<TiersPayantDbContext> options, DisclosureAppender appender, TimeProvider time) =>
        (_options, _appender, _time) = (options, appender, time);

    /// <summary>Records one disclosure and returns once it is committed.</summary>
    internal Task RecordAsync(
        Reader reader, Guid beneficiaryId, string insurer, IReadOnlyCollection<string> fields, string purpose, string reference, CancellationToken cancellation) =>
        _appender.AppendAsync([Entry(reader, beneficiaryId, insurer, fields, purpose, reference)], cancellation);

    /// <summary>Records several disclosures in one commit (a named door, after its work).</summary>
    internal Task RecordAllAsync(IReadOnlyCollection<DisclosureRecord> entries, CancellationToken cancellation) =>
        _appender.AppendAsync([.. entries], cancellation);

    /// <summary>A disclosure record, for <see cref="RecordAllAsync"/>.</summary>
    internal DisclosureRecord Entry(Reader reader, Guid beneficiaryId, string insurer, IReadOnlyCollection<string> fields, string purpose, string reference) => new()
    {
        Id = Guid.CreateVersion7(),
        OccurredAt = DisclosureEntries.Truncate(_time.GetUtcNow().UtcDateTime),
        ActorKind = reader.Kind,
        AccountId = reader.AccountId,
        ClientId = reader.ClientId,
        PracticeId = reader.PracticeId,
        SessionId = reader.SessionId,
        Role = reader.Role,
        SourceAddress = reader.SourceAddress.Length > 45 ? reader.SourceAddress[..45] : reader.SourceAddress,
        BeneficiaryId = beneficiaryId,
        InsurerAmc = insurer,
        Fields = string.Join(',', fields.Order(StringComparer.Ordinal)),
        Purpose = purpose,
        Channel = reader.Channel,
        Reference = reference.Length > 40 ? reference[..40] : reference,
    };

    /// <summary>Counts a presented card that matched nobody, durably, against the caller.</summary>
    internal async Task RecordMissAsync(string actorKey, string? network, Data.Protection.GuardTags? card, CancellationToken cancellation)
    {
        await using var db = new TiersPayantDbContext(_options);
        db.MatchFailures.Add(new MatchFailureRecord
        {
            Id = Guid.CreateVersion7(), ActorKey = actorKey, OccurredAt = DisclosureEntries.Truncate(_time.GetUtcNow().UtcDateTime), Network = network,
            MemberTag = card?.Member, BlockTag = card?.Block, BirthTag = card?.Birth,
        });
        await db.SaveChangesAsync(cancellation);
    }
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

    /// <summary>A document attached to an agreement (its whole content: names, correction, prescriber…).</summary>
    public const string Document = "document";

    /// <summary>The fields a set of views carries.</summary>
    public static IReadOnlyCollection<string> Of(BeneficiaryViews views)
    {
        var fields = new List<string>(4);
        if (views.HasFlag(BeneficiaryViews.Rights))
        {
            fields.Add(Rights);
        }

        if (views.HasFlag(BeneficiaryViews.Identity))
        {
            fields.AddRange([LastName, FirstName, MemberNumber]);
        }

        if (views.HasFlag(BeneficiaryViews.Care))
        {
            fields.Add(Care);
        }

        if (views.HasFlag(BeneficiaryViews.Documents))
        {
            fields.Add(Document);
        }

        return fields;
    }
}
