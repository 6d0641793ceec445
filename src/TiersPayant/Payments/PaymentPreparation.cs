using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Payments;
using TiersPayant.Domain.Claims;
using TiersPayant.Domain.Payments;

namespace TiersPayant.Payments;

/// <summary>
/// Prepares a run: for each practice with something due up to the cut-off, in groups of
/// practices, one transaction writes its payment, a line per invoice (paid, rejected, or
/// recovered when a paid invoice was cancelled since), marks the invoices paid and posts the
/// payment to the ledger. A practice already prepared in this run is not looked at again, so a
/// run taken up after a stop goes on where it stopped.
/// </summary>
internal sealed class PaymentPreparation(IServiceScopeFactory scopes, PaymentsOptions options, TimeProvider time)
{
    /// <summary>The largest amount of one SEPA transfer: 999,999,999.99 euros.</summary>
    public const long MaxTransferCents = 99_999_999_999;

    private const int IdsPerStatement = 500;

    public async Task PrepareAsync(PaymentRunRecord run, IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        // What a stopped run left out: looked at again with the practices not yet prepared.
        var skipped = ReadSkipped(run.Skipped).ToDictionary(s => s.PracticeId, s => s.Reason);

        List<Guid> practices;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            practices = await Due(db, run.Cutoff).Select(c => c.PracticeId).Distinct()
                .Where(p => !db.Payments.Any(x => x.RunId == run.Id && x.PracticeId == p))
                .OrderBy(p => p).ToListAsync(cancellation);
        }

        long done = 0;
        progress?.Report(new RunProgress(run.Number, RunStatuses.Preparing, done, practices.Count));
        foreach (var group in practices.Chunk(options.PracticesPerTransaction))
        {
            await PrepareGroupAsync(run, group, skipped, cancellation);
            done += group.Length;
            progress?.Report(new RunProgress(run.Number, RunStatuses.Preparing, done, practices.Count));
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var text = WriteSkipped(skipped);
            await db.PaymentRuns.Where(r => r.Id == run.Id && r.Status == RunStatuses.Preparing)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatuses.Prepared).SetProperty(r => r.PreparedAt, now).SetProperty(r => r.Skipped, text), cancellation);
        }
    }

    private async Task PrepareGroupAsync(PaymentRunRecord run, Guid[] group, Dictionary<Guid, string> skipped, CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = run.Cutoff;
        var due = await Due(db, cutoff).Where(c => group.Contains(c.PracticeId))
            .Select(c => new DueClaim(c.Id, c.PracticeId, c.Number, c.Status, c.AmcCents))
            .ToListAsync(cancellation);
        var practices = await db.Practices.AsNoTracking().Where(p => group.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellation);
        var ordinal = await db.Payments.CountAsync(p => p.RunId == run.Id, cancellation);
        var paidIds = new List<Guid>();
        foreach (var claims in due.GroupBy(c => c.PracticeId).OrderBy(g => g.Key))
        {
            var practice = practices[claims.Key];
            var (amount, reason) = Amount(claims);
            reason ??= amount > 0 ? BankReason(practice.Iban, practice.Bic) ?? NameReason(practice.Name) : null;
            if (reason is not null)
            {
                skipped[practice.Id] = reason;
                continue;
            }

            skipped.Remove(practice.Id);
            var payment = new PaymentRecord
            {
                Id = Guid.CreateVersion7(), RunId = run.Id, PracticeId = practice.Id, CreatedAt = now, AmountCents = amount,
                Reference = string.Create(CultureInfo.InvariantCulture, $"{run.Number}-{++ordinal:D6}"),
                Creditor = practice.Name, Iban = amount > 0 ? practice.Iban : null, Bic = amount > 0 ? practice.Bic : null,
            };
            foreach (var claim in claims)
            {
                var (kind, cents) = claim.Status switch
                {
                    ClaimStatus.Accepted => (PaymentLineKinds.Paid, claim.AmcCents),
                    ClaimStatus.Cancelled => (PaymentLineKinds.Recovered, -claim.AmcCents),
                    _ => (PaymentLineKinds.Rejected, 0L),
                };
                payment.Lines.Add(new PaymentLineRecord { Id = Guid.CreateVersion7(), PaymentId = payment.Id, ClaimId = claim.Id, Kind = kind, AmountCents = cents });
                if (kind == PaymentLineKinds.Paid)
                {
                    paidIds.Add(claim.Id);
                }
            }

            db.Payments.Add(payment);
            if (amount > 0)
            {
                LedgerWriter.Post(db, Postings.PaymentPrepared(practice.Id, amount), payment.Reference, now, payment: payment.Id, run: run.Id);
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellation);
        foreach (var ids in paidIds.Chunk(IdsPerStatement))
        {
            await db.Claims.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.PaidAt, now), cancellation);
        }

        var text = WriteSkipped(skipped);
        await db.PaymentRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Skipped, text), cancellation);
        await transaction.CommitAsync(cancellation);
    }

    /// <summary>
    /// What is due up to the cut-off: accepted invoices not yet paid, rejected ones not yet
    /// reported, and paid ones cancelled since and not yet recovered.
    /// </summary>
    private static IQueryable<Data.Claims.ClaimRecord> Due(TiersPayantDbContext db, DateTime cutoff) => db.Claims.Where(c =>
        (c.CreatedAt <= cutoff && c.Status == ClaimStatus.Accepted && c.PaidAt == null)
        || (c.CreatedAt <= cutoff && c.Status == ClaimStatus.Rejected
            && !db.PaymentLines.Any(l => l.ClaimId == c.Id && l.Kind == PaymentLineKinds.Rejected))
        || (c.Status == ClaimStatus.Cancelled && c.PaidAt != null && c.CancelledAt <= cutoff
            && !db.PaymentLines.Any(l => l.ClaimId == c.Id && l.Kind == PaymentLineKinds.Recovered)));

    /// <summary>What the practice receives: paid less recovered; or why nothing can be paid this time.</summary>
    private static (long Amount, string? Reason) Amount(IEnumerable<DueClaim> claims)
    {
        long amount = 0;
        try
        {
            foreach (var claim in claims)
            {
                amount = claim.Status switch
                {
                    ClaimStatus.Accepted => checked(amount + claim.AmcCents),
                    ClaimStatus.Cancelled => checked(amount - claim.AmcCents),
                    _ => amount,
                };
            }
        }
        catch (OverflowException)
        {
            return (0, SkipReasons.AmountOverflow);
        }

        return amount < 0 ? (0, SkipReasons.RecoveryExceedsDue)
            : amount > MaxTransferCents ? (0, SkipReasons.AmountTooLarge)
            : (amount, null);
    }

    private static string? BankReason(string? iban, string? bic) =>
        string.IsNullOrWhiteSpace(iban) ? SkipReasons.IbanMissing
        : !Iban.TryParse(iban, out _, out var ibanError) ? "iban-" + ibanError
        : bic is not null && !Bic.TryParse(bic, out _, out var bicError) ? "bic-" + bicError
        : null;

    /// <summary>A name the transfer file could not carry (nothing left in SEPA's character set) would stop the file: left out instead.</summary>
    private static string? NameReason(string name)
    {
        try
        {
            Sepa.SepaFields.Name(name, "name");
            return null;
        }
        catch (ArgumentException)
        {
            return SkipReasons.NameUnwritable;
        }
    }

    /// <summary>The skipped practices as stored: one <c>id reason</c> per line.</summary>
    public static IReadOnlyList<SkippedPractice> ReadSkipped(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', 2)).Select(p => new SkippedPractice(Guid.Parse(p[0]), p[1]))];

    private static string WriteSkipped(Dictionary<Guid, string> skipped) =>
        string.Join('\n', skipped.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key:D} {s.Value}")));

    private sealed record DueClaim(Guid Id, Guid PracticeId, string Number, ClaimStatus Status, long AmcCents);
}

/// <summary>The kinds of payment lines.</summary>
internal static class PaymentLineKinds
{
    public const string Paid = "paid";

    public const string Rejected = "rejected";

    public const string Recovered = "recovered";
}

/// <summary>Why a practice was left out of a run (stable codes, shown on the command line and the console).</summary>
internal static class SkipReasons
{
    public const string IbanMissing = "iban-missing";

    public const string RecoveryExceedsDue = "recovery-exceeds-due";

    public const string AmountOverflow = "amount-overflow";

    public const string AmountTooLarge = "amount-too-large";

    public const string NameUnwritable = "name-unwritable";
}
