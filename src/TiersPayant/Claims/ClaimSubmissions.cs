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

    /// <summary>
    /// A chunk of a batch's invoices, in file order, as <see cref="SubmitAsync"/> would take them one
    /// after the other (idempotent on each key, the same answers): the keys already used found in
    /// one read, the new invoices decided together (<see cref="ClaimAdjudicator.AdjudicateBatchAsync"/>)
    /// and saved in one transaction. A key seen twice in the chunk starts a new run once the first
    /// is saved, so the second finds it as before.
    /// </summary>
    public async Task<IReadOnlyList<ClaimOutcome>> SubmitBatchAsync(
        Actor actor, IReadOnlyList<(string Key, byte[] RawBody, ClaimBody Body)> invoices, CancellationToken cancellation)
    {
        var outcomes = new List<ClaimOutcome>(invoices.Count);
        while (outcomes.Count < invoices.Count)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var run = invoices.Skip(outcomes.Count).TakeWhile(i => keys.Add(i.Key)).ToList();
            outcomes.AddRange(await SubmitRunAsync(actor, run, cancellation));
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<ClaimOutcome>> SubmitRunAsync(
        Actor actor, List<(string Key, byte[] RawBody, ClaimBody Body)> run, CancellationToken cancellation)
    {
        var outcomes = new ClaimOutcome?[run.Count];
        var hashes = run.Select(i => SHA256.HashData(i.RawBody)).ToArray();
        var keys = run.Select(i => i.Key).ToList();
        var practice = actor.PracticeId;
        var used = (await db.Claims.AsNoTracking().Where(c => c.PracticeId == practice && keys.Contains(c.IdempotencyKey))
            .Select(c => c.IdempotencyKey).ToListAsync(cancellation)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < run.Count; i++)
        {
            if (used.Contains(run[i].Key))
            {
                outcomes[i] = await ReplayAsync(actor, run[i].Key, hashes[i], cancellation);
            }
        }

        var fresh = Enumerable.Range(0, run.Count).Where(i => outcomes[i] is null).ToList();
        var today = Web.Localization.ParisTime.Today(time);
        var decisions = await adjudicator.AdjudicateBatchAsync(actor, [.. fresh.Select(i => run[i].Body)], today, cancellation);
        var created = new List<(int Invoice, ClaimRecord Claim)>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (i, decision) in fresh.Zip(decisions))
        {
            if (decision.Errors is { } errors)
            {
                outcomes[i] = ClaimOutcome.Invalid(errors) with { Codes = decision.Codes };
                continue;
            }

            if (decision.Refusal is { } refusal)
            {
                outcomes[i] = ClaimOutcome.Refused(refusal);
                continue;
            }

            var claim = decision.Result!.Claim;
            (claim.IdempotencyKey, claim.RequestHash, claim.PracticeId, claim.Channel, claim.CreatedAt) = (run[i].Key, hashes[i], practice, actor.Channel, now);
            db.Claims.Add(claim);
            db.Equipment.AddRange(decision.Result.Equipment);
            if (claim.Status == ClaimStatus.Accepted && Postings.ClaimAccepted(claim.InsurerAmc!, claim.PracticeId, claim.AmcCents) is { } accepted)
            {
                LedgerWriter.Post(db, accepted, claim.Number, claim.CreatedAt, claim: claim.Id);
            }

            created.Add((i, claim));
        }

        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateException)
        {
            // A key of the run arrived at the same time by another way: nothing of the run was
            // written; each invoice again on its own, where the first one written is the claim.
            db.ChangeTracker.Clear();
            foreach (var (i, _) in created)
            {
                outcomes[i] = await SubmitAsync(actor, run[i].Key, run[i].RawBody, run[i].Body, cancellation);
            }

            return outcomes!;
        }

        foreach (var (i, claim) in created)
        {
            outcomes[i] = ClaimOutcome.Created(Answer(claim));
        }

        return outcomes!;
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
