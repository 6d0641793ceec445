using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Members;
using TiersPayant.Data.Protection;
using TiersPayant.Domain;
using TiersPayant.Domain.Identity;
using TiersPayant.Domain.Members;
using TiersPayant.Security.Audit;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The guarded data path, and the only way for a module to reach a beneficiary: a presented card
/// and person (proof of possession) are matched exactly, or a practice's own record leads to its
/// patient, or a member of staff reaches a member of the insurer they manage; the guard decides;
/// what the module then reads it must name through <see cref="GuardedBeneficiary.DiscloseAsync"/>,
/// which commits the disclosure record before handing over the views named, and nothing else.
/// </summary>
public sealed partial class GuardedBeneficiaries
{
    // Without a birth rank, the first three ranks are tried: twins are told apart by their names.
    private static readonly int[] AnyRank = [1, 2, 3];

    private readonly TiersPayantDbContext _db;
    private readonly BeneficiaryProtector _protector;
    private readonly DecoyBeneficiary _decoy;
    private readonly AccessGuard _guard;
    private readonly DisclosureLog _log;
    private readonly GuardMetrics _metrics;
    private readonly SwitchBoard _switches;

    internal GuardedBeneficiaries(
        TiersPayantDbContext db, BeneficiaryProtector protector, DecoyBeneficiary decoy, AccessGuard guard, DisclosureLog log, GuardMetrics metrics, SwitchBoard switches) =>
        (_db, _protector, _decoy, _guard, _log, _metrics, _switches) = (db, protector, decoy, guard, log, metrics, switches);

    /// <summary>The insurer's data is closed by a switch on the surface of <paramref name="channel"/>: refused before anything is read.</summary>
    private async Task<MatchResult?> ClosedAsync(string channel, string insurer, CancellationToken cancellation) =>
        (await _switches.CurrentAsync(cancellation)).ClosesInsurer(channel, insurer) ? MatchResult.Refused(InsurerClosed) : null;

    private static GuardDecision InsurerClosed { get; } = GuardDecision.Closed("insurer-closed");

    /// <summary>
    /// Finds the one person the card and identity designate, or nobody. Every mismatch is the same
    /// <see cref="MatchResult.NoMatch"/>, after the same work (as many decryptions whether rows
    /// exist or not), so neither the answer nor its timing says which field was wrong.
    /// </summary>
    public async Task<MatchResult> MatchAsync(Actor actor, CardPresentation card, CancellationToken cancellation)
    {
        using var span = GuardMetrics.StartDecision("card", actor.Channel, Domain.Practices.Professions.Code(actor.Profession));
        return GuardMetrics.Ended(span, await MatchCardAsync(actor, card, cancellation));
    }

    private async Task<MatchResult> MatchCardAsync(Actor actor, CardPresentation card, CancellationToken cancellation)
    {
        if (await ClosedAsync(actor.Channel, card.Insurer.Value, cancellation) is { } closed)
        {
            return closed;
        }

        var tags = _protector.Tags(card.Insurer, card.MemberNumber, card.BirthDate);
        var before = await _guard.BeforeMatchAsync(actor, tags, cancellation);
        if (before.Outcome != GuardOutcome.Allow)
        {
            _metrics.Decided(actor.Channel, Domain.Practices.Professions.Code(actor.Profession), before);
            return MatchResult.Refused(before);
        }

        Beneficiary? found = null;
        foreach (var rank in card.BirthRank is { } r ? [r] : AnyRank)
        {
            var index = _protector.IdentityIndex(card.Insurer, card.MemberNumber, card.BirthDate, rank);
            var row = await _db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.IdentityIndex == index, cancellation);
            var person = _protector.Reveal(row ?? _decoy.Record);
            var matches = row is not null && person.BirthDate == card.BirthDate && person.Name.Matches(card.LastName, card.FirstName);
            found = found is null && matches ? person : found;
        }

        if (found is null)
        {
            await _guard.RecordMissAsync(actor, tags, cancellation);
            _metrics.NoMatch(actor);
            return MatchResult.NoMatch;
        }

        return await AdmitAsync(actor, found, Reach.Card, cancellation);
    }

    /// <summary>
    /// The guarded path through a care relationship: a beneficiary the caller's practice already
    /// has a record with (a rights check, an agreement, an invoice), found by the record, never by
    /// the person. The relationship is checked here; the guard still decides, and reading still
    /// records a disclosure. Only this way may a practice see who its patient is.
    /// </summary>
    public async Task<MatchResult> ThroughRecordAsync(Actor actor, Guid beneficiaryId, CancellationToken cancellation)
    {
        using var span = GuardMetrics.StartDecision("record", actor.Channel, Domain.Practices.Professions.Code(actor.Profession));
        return GuardMetrics.Ended(span, await ThroughPracticeRecordAsync(actor, beneficiaryId, cancellation));
    }

    private async Task<MatchResult> ThroughPracticeRecordAsync(Actor actor, Guid beneficiaryId, CancellationToken cancellation)
    {
        var practice = actor.PracticeId;
        var related = await _db.Agreements.AsNoTracking().AnyAsync(a => a.BeneficiaryId == beneficiaryId && a.PracticeId == practice, cancellation)
            || await _db.Claims.AsNoTracking().AnyAsync(c => c.BeneficiaryId == beneficiaryId && c.PracticeId == practice, cancellation)
            || await _db.EligibilityChecks.AsNoTracking().AnyAsync(c => c.BeneficiaryId == beneficiaryId && c.PracticeId == practice, cancellation);
        var row = related ? await _db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.Id == beneficiaryId, cancellation) : null;
        if (row is not null && await ClosedAsync(actor.Channel, row.InsurerAmc, cancellation) is { } closed)
        {
            return closed;
        }

        return row is null ? MatchResult.NoMatch : await AdmitAsync(actor, _protector.Reveal(row), Reach.Relationship, cancellation);
    }

    /// <summary>
    /// The guarded path for staff: a member of the insurer an insurer's manager manages (support and
    /// the DPO reach any member). The guard decides with the role's caps; what is read is recorded
    /// with the role. Staff never get the identity view.
    /// </summary>
    public async Task<MatchResult> ForStaffAsync(StaffActor staff, Guid beneficiaryId, CancellationToken cancellation)
    {
        using var span = GuardMetrics.StartDecision("staff", Channels.Portal, "staff:" + staff.Role);
        return GuardMetrics.Ended(span, await ForStaffMemberAsync(staff, beneficiaryId, cancellation));
    }

    private async Task<MatchResult> ForStaffMemberAsync(StaffActor staff, Guid beneficiaryId, CancellationToken cancellation)
    {
        var row = await _db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.Id == beneficiaryId, cancellation);
        if (row is null || (staff.Role == Accounts.StaffRoles.InsurerManager && row.InsurerAmc != staff.InsurerAmc))
        {
            return MatchResult.NoMatch;
        }

        if (await ClosedAsync(Channels.Portal, row.InsurerAmc, cancellation) is { } closed)
        {
            return closed;
        }

        var admit = await _guard.AdmitAsync(staff, beneficiaryId, cancellation);
        _metrics.Decided(Channels.Portal, "staff:" + staff.Role, admit);
        return admit.Outcome == GuardOutcome.Allow
            ? MatchResult.Matched(new GuardedBeneficiary(_protector.Reveal(row), Reader.Of(staff), Reach.Staff, _db, _log))
            : MatchResult.Refused(admit);
    }

    private async Task<MatchResult> AdmitAsync(Actor actor, Beneficiary found, Reach reach, CancellationToken cancellation)
    {
        var admit = await _guard.AdmitAsync(actor, found.Id.Value, _protector.Tags(found.Insurer, found.MembershipNumber, found.BirthDate), cancellation);
        _metrics.Decided(actor.Channel, Domain.Practices.Professions.Code(actor.Profession), admit);
        return admit.Outcome == GuardOutcome.Allow
            ? MatchResult.Matched(new GuardedBeneficiary(found, Reader.Of(actor), reach, _db, _log))
            : MatchResult.Refused(admit);
    }
}

/// <summary>How the guarded path reached a person: it bounds what may be disclosed.</summary>
internal enum Reach
{
    /// <summary>The caller presented the card and identity.</summary>
    Card,

    /// <summary>Through a record of the caller's own practice: the practice's patient.</summary>
    Relationship,

    /// <summary>Staff, within their role.</summary>
    Staff,
}

/// <summary>What a card and identity presented by a professional look like.</summary>
/// <param name="Insurer">The AMC number on the card.</param>
/// <param name="MemberNumber">The membership number on the card.</param>
/// <param name="LastName">Usage or birth name.</param>
/// <param name="FirstName">First name.</param>
/// <param name="BirthDate">Birth date.</param>
/// <param name="BirthRank">Birth rank, where twins need it; null to let the names tell.</param>
public sealed record CardPresentation(AmcNumber Insurer, string MemberNumber, string LastName, string FirstName, DateOnly BirthDate, int? BirthRank);

/// <summary>The outcome of a match on the guarded path.</summary>
public sealed class MatchResult
{
    private MatchResult(GuardedBeneficiary? beneficiary, GuardDecision? refusal) => (Beneficiary, Refusal) = (beneficiary, refusal);

    /// <summary>Nobody matches: the single answer for every mismatch.</summary>
    public static MatchResult NoMatch { get; } = new(null, null);

    /// <summary>The person found, to be disclosed through.</summary>
    public GuardedBeneficiary? Beneficiary { get; }

    /// <summary>The guard's refusal, if it refused.</summary>
    public GuardDecision? Refusal { get; }

    internal static MatchResult Matched(GuardedBeneficiary beneficiary) => new(beneficiary, null);

    internal static MatchResult Refused(GuardDecision decision) => new(null, decision);
}

/// <summary>
/// A beneficiary the guard admitted. Nothing of them can be read without naming the views and the
/// purpose, which records the disclosure first.
/// </summary>
public sealed class GuardedBeneficiary
{
    private readonly Beneficiary _beneficiary;
    private readonly Reader _reader;
    private readonly Reach _reach;
    private readonly TiersPayantDbContext _module;
    private readonly DisclosureLog _log;

    internal GuardedBeneficiary(Beneficiary beneficiary, Reader reader, Reach reach, TiersPayantDbContext module, DisclosureLog log) =>
        (_beneficiary, _reader, _reach, _module, _log) = (beneficiary, reader, reach, module, log);

    /// <summary>The beneficiary's identifier (not personal data by itself).</summary>
    public Guid Id => _beneficiary.Id.Value;

    /// <summary>
    /// Commits a record that the fields of <paramref name="views"/> leave the platform for
    /// <paramref name="purpose"/>, then gives those views and only those.
    /// </summary>
    /// <param name="views">What the answer carries.</param>
    /// <param name="purpose"><c>eligibility</c>, <c>agreement</c>, <c>claim</c>, <c>list</c>, <c>agreement-review</c>.</param>
    /// <param name="reference">The business record's reference.</param>
    /// <param name="cancellation">Cancels before the record is committed; then nothing is given.</param>
    /// <exception cref="InvalidOperationException">
    /// No view is named; the identity is asked where it may not be given; or the module's unit of work
    /// has a transaction open (the record commits on its own, before the module's work, never inside it).
    /// </exception>
    public async Task<Disclosure> DiscloseAsync(BeneficiaryViews views, string purpose, string reference, CancellationToken cancellation)
    {
        Check(views);
        var b = _beneficiary;
        await _log.RecordAsync(_reader, b.Id.Value, b.Insurer.Value, DisclosedFields.Of(views), purpose, reference, cancellation);
        return Views(views);
    }

    // What may be disclosed, from where: checked before any record is written.
    internal void Check(BeneficiaryViews views)
    {
        if (views == BeneficiaryViews.None)
        {
            throw new InvalidOperationException("A disclosure names at least one view.");
        }

        if (views.HasFlag(BeneficiaryViews.Identity) && _reach != Reach.Relationship)
        {
            throw new InvalidOperationException("The identity view is given only to a practice, for its own patient reached through its record.");
        }

        if (_module.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Disclose before opening the module's transaction: the disclosure commits on its own.");
        }
    }

    internal DisclosureRecord Entry(DisclosureLog log, IReadOnlyCollection<string> fields, string purpose, string reference) =>
        log.Entry(_reader, _beneficiary.Id.Value, _beneficiary.Insurer.Value, fields, purpose, reference);

    // The views named, once their disclosure is committed.
    internal Disclosure Views(BeneficiaryViews views)
    {
        var b = _beneficiary;
        return new Disclosure(
            views.HasFlag(BeneficiaryViews.Rights) ? new RightsView(b.Id.Value, b.Insurer, b.ContractCode, b.Relationship, b.Rights) : null,
            views.HasFlag(BeneficiaryViews.Identity) ? new IdentityView(b.Id.Value, b.Name.LastName, b.Name.FirstName, b.MembershipNumber) : null,
            views.HasFlag(BeneficiaryViews.Care) ? new CareView(b.Id.Value, b.Insurer) : null);
    }
}

/// <summary>
/// A stored beneficiary that exists nowhere in the table, decrypted when a card matches no row so
/// that a miss costs what a hit costs.
/// </summary>
internal sealed class DecoyBeneficiary(BeneficiaryProtector protector)
{
    private readonly Lazy<BeneficiaryRecord> _record = new(() => protector.Protect(new Beneficiary(
        BeneficiaryId.New(), AmcNumber.Parse("99999999"), "0000000000", 1,
        new PersonName("LEURRE", null, "AUCUN"), new DateOnly(1970, 1, 1), Nir.Parse("170017500100109"),
        Relationship.Holder, "AUCUN", new DateRange(new DateOnly(1970, 1, 1), null))));

    /// <summary>The decoy's stored form, made once per process and key ring.</summary>
    public BeneficiaryRecord Record => _record.Value;
}
