using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;

namespace TiersPayant.Payments;

/// <summary>How an invoice was paid: the payment (its transfer's reference), the day the transfer was executed, the amount.</summary>
public sealed record ClaimPayment(string Reference, DateOnly ExecutionDate, long AmountCents);

/// <summary>The payment of one of a practice's invoices, once its run's file was handed over.</summary>
public sealed class ClaimPayments(TiersPayantDbContext db)
{
    public async Task<ClaimPayment?> OfAsync(Guid practice, string claimNumber, CancellationToken cancellation) =>
        await db.PaymentLines.AsNoTracking()
            .Where(l => l.Kind == PaymentLineKinds.Paid)
            .Join(db.Claims, l => l.ClaimId, c => c.Id, (l, c) => new { l, c })
            .Where(x => x.c.Number == claimNumber && x.c.PracticeId == practice)
            .Join(db.Payments, x => x.l.PaymentId, p => p.Id, (x, p) => new { x.l, p })
            .Join(db.PaymentRuns.Where(r => r.Status == RunStatuses.Written), x => x.p.RunId, r => r.Id, (x, r) => new ClaimPayment(x.p.Reference, r.ExecutionDate, x.l.AmountCents))
            .SingleOrDefaultAsync(cancellation);
}
