using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Eligibility;
using TiersPayant.Data.Protection;
using TiersPayant.Domain;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The named door of "one flow per patient": after a rights check that found the person, the
/// portal keeps what the professional typed (card and identity, encrypted) for the next steps of
/// the same visit, so that the agreement and the invoice are asked for the same person without
/// typing them again and without the browser carrying them. It reads nobody: it gives back only
/// what the same session typed, and every later step presents that card again on the guarded
/// path (<see cref="GuardedBeneficiaries.MatchAsync"/>), which decides and records as usual.
/// A handle is worth something only to the session, account and practice that made it, and only
/// for <see cref="Lifetime"/>.
/// </summary>
public sealed class CheckedPatients
{
    /// <summary>How long a checked patient can be carried forward: about one visit at the counter.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TiersPayantDbContext _db;
    private readonly FieldCipher _cipher;
    private readonly TimeProvider _time;

    // Internal: the cipher it needs is sealed inside the guarded path's assemblies.
    internal CheckedPatients(TiersPayantDbContext db, FieldCipher cipher, TimeProvider time) => (_db, _cipher, _time) = (db, cipher, time);

    /// <summary>Keeps <paramref name="card"/> for the session of <paramref name="actor"/>; returns its handle.</summary>
    public async Task<Guid> RememberAsync(Actor actor, CardPresentation card, string checkReference, DateOnly careDate, IEnumerable<CareDomain> covered, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(card);
        if (actor is not { Kind: ActorKinds.Account, AccountId: { } account, SessionId: { } session })
        {
            throw new InvalidOperationException("Only a portal session carries a checked patient.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        // Expired handles are worth nothing; they are deleted by whichever session checks next.
        await _db.CheckedPatients.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellation);
        var id = Guid.NewGuid(); // random (version 4): a handle nobody can guess
        var presented = new Presented(card.Insurer.Value, card.MemberNumber, card.LastName, card.FirstName, card.BirthDate, card.BirthRank);
        _db.CheckedPatients.Add(new CheckedPatientRecord
        {
            Id = id,
            SessionId = session,
            AccountId = account,
            PracticeId = actor.PracticeId,
            CheckReference = checkReference,
            CareDate = careDate,
            Domains = string.Join(',', covered.Select(d => d.Code())),
            PresentedCipher = _cipher.Encrypt(JsonSerializer.SerializeToUtf8Bytes(presented, Json), FieldBindings.CheckedPatient(id, session)),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        await _db.SaveChangesAsync(cancellation);
        return id;
    }

    /// <summary>
    /// The patient behind <paramref name="handle"/>, if the session, account and practice of
    /// <paramref name="actor"/> checked them less than <see cref="Lifetime"/> ago; null otherwise
    /// (unknown, expired, or another session's).
    /// </summary>
    public async Task<CheckedPatient?> FindAsync(Actor actor, Guid handle, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not { Kind: ActorKinds.Account, AccountId: { } account, SessionId: { } session })
        {
            return null;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var row = await _db.CheckedPatients.AsNoTracking().SingleOrDefaultAsync(
            c => c.Id == handle && c.SessionId == session && c.AccountId == account && c.PracticeId == actor.PracticeId && c.ExpiresAt > now, cancellation);
        if (row is null)
        {
            return null;
        }

        var presented = JsonSerializer.Deserialize<Presented>(_cipher.Decrypt(row.PresentedCipher, FieldBindings.CheckedPatient(row.Id, row.SessionId)), Json)!;
        var card = new CardPresentation(AmcNumber.Parse(presented.Insurer), presented.MemberNumber, presented.LastName, presented.FirstName, presented.BirthDate, presented.BirthRank);
        var domains = row.Domains.Split(',').Select(code => (Known: CareDomains.TryParse(code, out var domain), domain)).Where(d => d.Known).Select(d => d.domain).ToList();
        return new CheckedPatient(row.Id, card, row.CheckReference, row.CareDate, domains, new DateTimeOffset(row.ExpiresAt, TimeSpan.Zero));
    }

    private sealed record Presented(string Insurer, string MemberNumber, string LastName, string FirstName, DateOnly BirthDate, int? BirthRank);
}

/// <summary>
/// A patient checked by this session: the card and identity the professional typed, the check's
/// reference and care date, and the domains covered on that date.
/// </summary>
public sealed class CheckedPatient(Guid handle, CardPresentation card, string checkReference, DateOnly careDate, IReadOnlyList<CareDomain> covered, DateTimeOffset expiresAt)
{
    /// <summary>The handle the portal's forms carry; worth nothing to another session.</summary>
    public Guid Handle { get; } = handle;

    /// <summary>What the professional typed: presented again on the guarded path at every step.</summary>
    public CardPresentation Card { get; } = card;

    /// <summary>The reference of the rights check that found the person.</summary>
    public string CheckReference { get; } = checkReference;

    /// <summary>The care date the rights were checked for.</summary>
    public DateOnly CareDate { get; } = careDate;

    /// <summary>The domains covered on that date.</summary>
    public IReadOnlyList<CareDomain> Covered { get; } = covered;

    /// <summary>After this instant the handle is worth nothing.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>The handle only: a checked patient never prints who it is (logs, exceptions).</summary>
    public override string ToString() => "checked-patient " + Handle.ToString("N")[..8];
}
