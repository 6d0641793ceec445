using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Agreements;
using TiersPayant.Data;
using TiersPayant.Data.Claims;
using TiersPayant.Data.Payments;
using TiersPayant.Domain.Payments;
using TiersPayant.Domain.Claims;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims;

/// <summary>
/// Invoices: idempotent on the practice's key (same key and body, same answer, one claim; same key
/// and another body, a conflict), adjudicated against the agreement or, for direct claims, the
/// rights and guarantee on the care date, and saved with their disclosure in one transaction.
/// </summary>
public sealed class ClaimSubmissions(
    TiersPayantDbContext db, GuardedBeneficiaries beneficiaries, ClaimAdjudicator adjudicator, TimeProvider time)
{
    public const int MaxKeyLength = 100;

    public async Task<ClaimOutcome> SubmitAsync(Actor actor, string key, byte[] rawBody, ClaimBody body, CancellationToken cancellation)
    {
        var hash = SHA256.HashData(rawBody);
        if (await ReplayAsync(actor, key, hash, cancellation) is { } earlier)
        {
            return earlier;
        }

        var today = Web.Localization.ParisTime.Today(time);
        var codes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (adjudicated, errors, refusal) = await adjudicator.AdjudicateAsync(actor, body, today, codes, cancellation);
        if (errors is not null)
        {
            return ClaimOutcome.Invalid(errors) with { Codes = codes };
        }

        if (refusal is not null)
        {
            return ClaimOutcome.Refused(refusal);
        }

        var claim = adjudicated!.Claim;
        claim.IdempotencyKey = key;
        claim.RequestHash = hash;
        claim.PracticeId = actor.PracticeId;
        claim.Channel = actor.Channel;
        claim.CreatedAt = time.GetUtcNow().UtcDateTime;
        db.Claims.Add(claim);
        db.Equipment.AddRange(adjudicated.Equipment);
        if (claim.Status == ClaimStatus.Accepted && Postings.ClaimAccepted(claim.InsurerAmc!, claim.PracticeId, claim.AmcCents) is { } accepted)
        {
            LedgerWriter.Post(db, accepted, claim.Number, claim.CreatedAt, claim: claim.Id);
        }

        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateException)
        {
            // The same key arrived twice at once: the first one written is the claim.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(actor, key, hash, cancellation) is { } first)
            {
                return first;
            }

            throw;
        }

        return ClaimOutcome.Created(Answer(claim));
    }

    public async Task<ClaimOutcome> ReadAsync(Actor actor, string number, CancellationToken cancellation)
    {
        var claim = await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Number == number && c.PracticeId == actor.PracticeId, cancellation);
        return claim is null ? ClaimOutcome.NotFound : await DiscloseAsync(actor, claim, cancellation);
    }

    /// <summary>
    /// Cancels an accepted claim; what it delivered leaves the equipment history and its acceptance
    /// is reversed in the ledger (if it was paid, the practice's next payment recovers it).
    /// </summary>
    public async Task<ClaimOutcome> CancelAsync(Actor actor, string number, CancellationToken cancellation)
    {
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Number == number && c.PracticeId == actor.PracticeId, cancellation);
        if (claim is null)
        {
            return ClaimOutcome.NotFound;
        }

        if (ClaimStatuses.WhyNotCancellable(claim.Status) is { } why)
        {
            return ClaimOutcome.Conflict(why);
        }

        claim.Status = ClaimStatus.Cancelled;
        claim.CancelledAt = time.GetUtcNow().UtcDateTime;
        if (Postings.ClaimCancelled(claim.InsurerAmc!, claim.PracticeId, claim.AmcCents) is { } reversal)
        {
            LedgerWriter.Post(db, reversal, claim.Number, claim.CancelledAt.Value, claim: claim.Id);
        }

        db.Equipment.RemoveRange(await db.Equipment.Where(e => e.ClaimId == claim.Id).ToListAsync(cancellation));
        return await DiscloseAsync(actor, claim, cancellation);
    }

    private async Task<ClaimOutcome?> ReplayAsync(Actor actor, string key, byte[] hash, CancellationToken cancellation)
    {
        var earlier = await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.PracticeId == actor.PracticeId && c.IdempotencyKey == key, cancellation);
        if (earlier is null)
        {
            return null;
        }

        return earlier.RequestHash.AsSpan().SequenceEqual(hash)
            ? await DiscloseAsync(actor, earlier, cancellation) with { Replayed = true }
            : ClaimOutcome.Conflict("idempotency-key-reused");
    }

    // Whatever shows a claim's amounts discloses care data about its beneficiary.
    private async Task<ClaimOutcome> DiscloseAsync(Actor actor, ClaimRecord claim, CancellationToken cancellation)
    {
        if (claim.BeneficiaryId is { } beneficiary)
        {
            var match = await beneficiaries.ThroughRecordAsync(actor, beneficiary, cancellation);
            if (match.Refusal is { } refusal)
            {
                return ClaimOutcome.Refused(refusal);
            }

            await match.Beneficiary!.DiscloseAsync(BeneficiaryViews.Care, "claim", claim.Number, cancellation);
        }

        await db.SaveChangesAsync(cancellation);
        return ClaimOutcome.Created(Answer(claim));
    }

    internal static ClaimAnswer Answer(ClaimRecord claim) => new(
        claim.Number, claim.Status.Code(), claim.Domain, claim.CareDate, claim.AgreementNumber,
        new AmountsView(claim.TotalCents, claim.AmoCents, claim.AmcCents, claim.PatientCents),
        JsonSerializer.Deserialize<List<AgreementLineView>>(claim.LinesJson, ClaimAdjudicator.Json) ?? [],
        claim.Reasons.Length == 0 ? [] : claim.Reasons.Split(','));
}

/// <summary>What became of a submission, a read or a cancellation.</summary>
public sealed record ClaimOutcome(ClaimAnswer? Answer, IReadOnlyDictionary<string, string[]>? Errors, GuardDecision? Refusal, string? ConflictReason, bool NotFoundResult)
{
    /// <summary>True when the answer is that of an earlier request with the same key and body.</summary>
    public bool Replayed { get; init; }

    public static ClaimOutcome NotFound { get; } = new(null, null, null, null, true);

    public static ClaimOutcome Created(ClaimAnswer answer) => new(answer, null, null, null, false);

    public static ClaimOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors, null, null, false);

    public static ClaimOutcome Refused(GuardDecision refusal) => new(null, null, refusal, null, false);

    public static ClaimOutcome Conflict(string reason) => new(null, null, null, reason, false);

    /// <summary>With <see cref="Errors"/>: the rules' stable codes (<see cref="Domain.Agreements.FieldErrorCodes"/>) by field, where they named the field.</summary>
    public IReadOnlyDictionary<string, string[]> Codes { get; init; } = new Dictionary<string, string[]>();
}
