using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Protection;
using TiersPayant.Data.Records;
using TiersPayant.Domain;
using TiersPayant.Domain.Identity;
using TiersPayant.Domain.Members;
using TiersPayant.Security.Audit;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The guarded data path, and the only way for a module to reach a beneficiary: a presented card
/// and person (proof of possession) are matched exactly; the guard decides; what the module then
/// reads it must disclose through <see cref="GuardedBeneficiary.Disclose"/>, which writes the
/// disclosure record into the module's own unit of work (one transaction with its business data).
/// </summary>
public sealed class GuardedBeneficiaries(
    TiersPayantDbContext db, BeneficiaryProtector protector, DecoyBeneficiary decoy, AccessGuard guard, DisclosureLog log, GuardMetrics metrics)
{
    // Without a birth rank, the first three ranks are tried: twins are told apart by their names.
    private static readonly int[] AnyRank = [1, 2, 3];

    /// <summary>
    /// Finds the one person the card and identity designate, or nobody. Every mismatch is the same
    /// <see cref="MatchResult.NoMatch"/>, after the same work (as many decryptions whether rows
    /// exist or not), so neither the answer nor its timing says which field was wrong.
    /// </summary>
    public async Task<MatchResult> MatchAsync(Actor actor, CardPresentation card, CancellationToken cancellation)
    {
        var before = await guard.BeforeMatchAsync(actor, cancellation);
        if (before.Outcome != GuardOutcome.Allow)
        {
            metrics.Decided(actor, before);
            return MatchResult.Refused(before);
        }

        Beneficiary? found = null;
        foreach (var rank in card.BirthRank is { } r ? [r] : AnyRank)
        {
            var index = protector.IdentityIndex(card.Insurer, card.MemberNumber, card.BirthDate, rank);
            var row = await db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.IdentityIndex == index, cancellation);
            var person = protector.Reveal(row ?? decoy.Record);
            var matches = row is not null && person.BirthDate == card.BirthDate && person.Name.Matches(card.LastName, card.FirstName);
            found = found is null && matches ? person : found;
        }

        if (found is null)
        {
            guard.RecordMiss(actor);
            metrics.NoMatch(actor);
            return MatchResult.NoMatch;
        }

        return await AdmitAsync(actor, found, cancellation);
    }

    /// <summary>
    /// The guarded path through a care relationship: a beneficiary the caller's practice already
    /// has a record with (an agreement, an invoice), found by the record's own number, never by
    /// the person. The guard still decides, and reading still records a disclosure.
    /// </summary>
    public async Task<MatchResult> ThroughRecordAsync(Actor actor, Guid beneficiaryId, CancellationToken cancellation)
    {
        var row = await db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.Id == beneficiaryId, cancellation);
        return row is null ? MatchResult.NoMatch : await AdmitAsync(actor, protector.Reveal(row), cancellation);
    }

    private async Task<MatchResult> AdmitAsync(Actor actor, Beneficiary found, CancellationToken cancellation)
    {
        var admit = await guard.AdmitAsync(actor, found.Id.Value, cancellation);
        metrics.Decided(actor, admit);
        return admit.Outcome == GuardOutcome.Allow
            ? MatchResult.Matched(new GuardedBeneficiary(found, actor, log))
            : MatchResult.Refused(admit);
    }
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
/// A beneficiary the guard admitted. Nothing of them can be read without naming the fields and
/// the purpose, which records the disclosure.
/// </summary>
public sealed class GuardedBeneficiary
{
    private readonly Beneficiary _beneficiary;
    private readonly Actor _actor;
    private readonly DisclosureLog _log;

    internal GuardedBeneficiary(Beneficiary beneficiary, Actor actor, DisclosureLog log) =>
        (_beneficiary, _actor, _log) = (beneficiary, actor, log);

    /// <summary>The beneficiary's identifier (not personal data by itself).</summary>
    public Guid Id => _beneficiary.Id.Value;

    /// <summary>Records that <paramref name="fields"/> of this person leave the platform for <paramref name="purpose"/>, and gives them.</summary>
    /// <param name="fields">What the answer carries (see <see cref="DisclosedFields"/>).</param>
    /// <param name="purpose"><c>eligibility</c>, <c>agreement</c>, <c>claim</c>, <c>list</c>.</param>
    /// <param name="reference">The business record's reference.</param>
    public Beneficiary Disclose(IReadOnlyCollection<string> fields, string purpose, string reference)
    {
        _log.Record(_actor, _beneficiary.Id.Value, _beneficiary.Insurer.Value, fields, purpose, reference);
        return _beneficiary;
    }
}

/// <summary>
/// A stored beneficiary that exists nowhere in the table, decrypted when a card matches no row so
/// that a miss costs what a hit costs.
/// </summary>
public sealed class DecoyBeneficiary(BeneficiaryProtector protector)
{
    private readonly Lazy<BeneficiaryRecord> _record = new(() => protector.Protect(new Beneficiary(
        BeneficiaryId.New(), AmcNumber.Parse("99999999"), "0000000000", 1,
        new PersonName("LEURRE", null, "AUCUN"), new DateOnly(1970, 1, 1), Nir.Parse("170017500100109"),
        Relationship.Holder, "AUCUN", new DateRange(new DateOnly(1970, 1, 1), null))));

    /// <summary>The decoy's stored form, made once per process and key ring.</summary>
    public BeneficiaryRecord Record => _record.Value;
}
