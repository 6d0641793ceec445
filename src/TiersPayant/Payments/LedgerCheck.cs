using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Domain.Claims;
using TiersPayant.Domain.Payments;

namespace TiersPayant.Payments;

/// <summary>
/// <c>tiers ledger check</c>: proves the books from what is stored. Every journal entry balances;
/// every accepted invoice (and every cancelled one) has exactly its entries; each practice's
/// account holds what is due to it (accepted and unpaid, less paid and cancelled since); the
/// insurers' shares of accepted invoices equal what was paid plus what is payable; every payment
/// line matches exactly one invoice of the payment's practice, for its amount; each payment is the
/// sum of its lines; each written run is the sum of its transfers; the clearing account holds what
/// prepared runs have not yet handed over; each insurer's statement is the sum of its lines, each a
/// paid or recovered invoice of that insurer; each insurer's account holds its accepted shares less
/// what was collected from it.
/// </summary>
internal sealed class LedgerCheck(TiersPayantDbContext db)
{
    /// <summary>At most this many discrepancies are listed (all are counted).</summary>
    public const int Listed = 50;

    public async Task<LedgerReport> RunAsync(CancellationToken cancellation)
    {
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var problems = new List<string>();
        long count = 0;
        void Problem(string text)
        {
            count++;
            if (problems.Count < Listed)
            {
                problems.Add(text);
            }
        }

        // 1. Every entry balances, and its total is its debits.
        var entries = await db.JournalEntries.Select(e => new
        {
            e.Id, e.Kind, e.Reference, e.ClaimId, e.TotalCents,
            Debits = e.Lines.Sum(l => l.DebitCents), Credits = e.Lines.Sum(l => l.CreditCents), Lines = e.Lines.Count,
        }).ToListAsync(cancellation);
        foreach (var e in entries.Where(e => e.Debits != e.Credits || e.Debits != e.TotalCents || e.Lines < 2))
        {
            Problem(Text($"entry {e.Reference} ({e.Kind}) does not balance: debits {e.Debits}, credits {e.Credits}, total {e.TotalCents}, {e.Lines} line(s)"));
        }

        // 2. Invoices against their entries (every invoice read once, for every check below).
        var allClaims = (await db.Claims.Select(c => new { c.Id, c.Number, c.PracticeId, c.InsurerAmc, c.Status, c.AmcCents, Paid = c.PaidAt != null }).ToListAsync(cancellation))
            .ToDictionary(c => c.Id);
        var claims = allClaims.Values.Where(c => c.Status != ClaimStatus.Rejected).ToList();
        var byClaim = entries.Where(e => e.ClaimId != null).ToLookup(e => (e.ClaimId!.Value, e.Kind));
        foreach (var c in claims.Where(c => c.AmcCents > 0))
        {
            Expect(byClaim[(c.Id, JournalKinds.ClaimAccepted)].Select(e => e.TotalCents).ToList(), c.AmcCents, c.Number, "acceptance");
            Expect(byClaim[(c.Id, JournalKinds.ClaimCancelled)].Select(e => e.TotalCents).ToList(), c.Status == ClaimStatus.Cancelled ? c.AmcCents : null, c.Number, "cancellation");
        }

        void Expect(List<long> found, long? amount, string number, string what)
        {
            if (amount is null ? found.Count != 0 : found.Count != 1 || found[0] != amount)
            {
                Problem(Text($"invoice {number}: {found.Count} {what} entr(ies) of {string.Join('+', found)} cents, expected {(amount is null ? "none" : $"one of {amount}")}"));
            }
        }

        // 3. Payment lines against invoices.
        var lines = await db.PaymentLines.Join(db.Payments, l => l.PaymentId, p => p.Id, (l, p) => new { l.ClaimId, l.Kind, l.AmountCents, p.PracticeId, p.Reference })
            .ToListAsync(cancellation);
        foreach (var line in lines)
        {
            if (!allClaims.TryGetValue(line.ClaimId, out var claim) || claim.PracticeId != line.PracticeId)
            {
                Problem(Text($"payment {line.Reference}: a {line.Kind} line names an invoice that is not its practice's"));
                continue;
            }

            var expected = line.Kind switch
            {
                PaymentLineKinds.Paid => claim.AmcCents,
                PaymentLineKinds.Recovered => -claim.AmcCents,
                _ => 0,
            };
            if (line.AmountCents != expected)
            {
                Problem(Text($"payment {line.Reference}: invoice {claim.Number} {line.Kind} for {line.AmountCents} cents, its share is {expected}"));
            }
        }

        var paidLines = lines.Where(l => l.Kind == PaymentLineKinds.Paid).ToLookup(l => l.ClaimId);
        var recovered = lines.Where(l => l.Kind == PaymentLineKinds.Recovered).Select(l => l.ClaimId).ToHashSet();
        foreach (var c in allClaims.Values)
        {
            if (paidLines[c.Id].Count() != (c.Paid ? 1 : 0))
            {
                Problem(Text($"invoice {c.Number}: marked {(c.Paid ? "paid" : "unpaid")} with {paidLines[c.Id].Count()} paid line(s)"));
            }

            if (recovered.Contains(c.Id) && !(c.Paid && c.Status == ClaimStatus.Cancelled))
            {
                Problem(Text($"invoice {c.Number}: recovered but not a paid invoice cancelled since"));
            }
        }

        // 4. Each practice's account holds what is due to it.
        var balances = (await db.JournalLines.GroupBy(l => l.Account).Select(g => new { Account = g.Key, Balance = g.Sum(l => l.DebitCents) - g.Sum(l => l.CreditCents) })
            .ToListAsync(cancellation)).ToDictionary(b => b.Account, b => b.Balance);
        var due = allClaims.Values.GroupBy(c => c.PracticeId).ToDictionary(g => g.Key, g => g.Sum(c =>
            c.Status == ClaimStatus.Accepted && !c.Paid ? c.AmcCents
            : c.Status == ClaimStatus.Cancelled && c.Paid && !recovered.Contains(c.Id) ? -c.AmcCents : 0));
        foreach (var practice in due.Keys.Union(balances.Keys.Where(a => a.StartsWith("practice:", StringComparison.Ordinal)).Select(a => Guid.ParseExact(a[9..], "N"))))
        {
            var held = -balances.GetValueOrDefault(LedgerAccount.Practice(practice).Code);
            if (held != due.GetValueOrDefault(practice))
            {
                Problem(Text($"practice {practice:D}: its account holds {held} cents, its invoices make {due.GetValueOrDefault(practice)} due"));
            }
        }

        // 5. Accepted shares = paid + payable.
        var accepted = claims.Where(c => c.Status == ClaimStatus.Accepted).ToList();
        var acceptedShares = accepted.Sum(c => c.AmcCents);
        var paid = accepted.Where(c => c.Paid).Sum(c => c.AmcCents);
        var payable = accepted.Where(c => !c.Paid).Sum(c => c.AmcCents);
        var paidByLines = lines.Where(l => l.Kind == PaymentLineKinds.Paid && allClaims[l.ClaimId].Status == ClaimStatus.Accepted).Sum(l => l.AmountCents);
        if (acceptedShares != paidByLines + payable)
        {
            Problem(Text($"accepted invoices' insurer shares {acceptedShares} cents differ from paid {paidByLines} plus payable {payable}"));
        }

        // 6. Payments, runs and the clearing account.
        var payments = await db.Payments.Select(p => new { p.Reference, p.RunId, p.AmountCents, Lines = p.Lines.Sum(l => l.AmountCents) }).ToListAsync(cancellation);
        foreach (var p in payments.Where(p => p.AmountCents != p.Lines))
        {
            Problem(Text($"payment {p.Reference}: {p.AmountCents} cents, its lines make {p.Lines}"));
        }

        var runs = await db.PaymentRuns.Select(r => new { r.Id, r.Number, r.Status, r.TotalCents, r.TransferCount }).ToListAsync(cancellation);
        var byRun = payments.Where(p => p.AmountCents > 0).ToLookup(p => p.RunId);
        foreach (var r in runs.Where(r => r.Status == RunStatuses.Written))
        {
            if (byRun[r.Id].Sum(p => p.AmountCents) != r.TotalCents || byRun[r.Id].Count() != r.TransferCount)
            {
                Problem(Text($"run {r.Number}: file of {r.TransferCount} transfers for {r.TotalCents} cents, its payments make {byRun[r.Id].Count()} for {byRun[r.Id].Sum(p => p.AmountCents)}"));
            }
        }

        var instructed = runs.Where(r => r.Status != RunStatuses.Written).Sum(r => byRun[r.Id].Sum(p => p.AmountCents));
        var clearing = -balances.GetValueOrDefault(LedgerAccount.Clearing.Code);
        if (clearing != instructed)
        {
            Problem(Text($"the clearing account holds {clearing} cents, runs not yet written instruct {instructed}"));
        }

        // 7. Insurers: each statement is the sum of its lines, each line an invoice of its insurer for its share;
        //    each insurer's account holds its accepted shares less what was collected from it.
        var statements = await db.InsurerStatements.Select(st => new { st.Id, st.Number, st.InsurerAmc, st.TotalCents, st.Settlement, Lines = st.Lines.Sum(l => l.AmountCents) })
            .ToListAsync(cancellation);
        foreach (var st in statements.Where(st => st.TotalCents != st.Lines))
        {
            Problem(Text($"statement {st.Number}: {st.TotalCents} cents, its lines make {st.Lines}"));
        }

        var statementLines = await db.InsurerStatementLines.Join(db.InsurerStatements, l => l.StatementId, st => st.Id, (l, st) => new { l.ClaimId, l.Kind, l.AmountCents, st.InsurerAmc, st.Number })
            .ToListAsync(cancellation);
        var paidOrRecovered = lines.Select(l => (l.ClaimId, l.Kind)).ToHashSet();
        foreach (var line in statementLines)
        {
            var claim = allClaims[line.ClaimId];
            var expected = line.Kind == PaymentLineKinds.Recovered ? -claim.AmcCents : claim.AmcCents;
            if (claim.InsurerAmc != line.InsurerAmc || line.AmountCents != expected
                || !paidOrRecovered.Contains((line.ClaimId, line.Kind)))
            {
                Problem(Text($"statement {line.Number}: invoice {claim.Number} billed {line.Kind} for {line.AmountCents} cents, not a {line.Kind} payment of its insurer's share"));
            }
        }

        var collected = statements.Where(st => st.Settlement == Settlements.DirectDebit).GroupBy(st => st.InsurerAmc).ToDictionary(g => g.Key, g => g.Sum(st => st.TotalCents));
        var owed = claims.Where(c => c.Status == ClaimStatus.Accepted && c.InsurerAmc is not null).GroupBy(c => c.InsurerAmc!).ToDictionary(g => g.Key, g => g.Sum(c => c.AmcCents));
        foreach (var insurer in owed.Keys.Union(collected.Keys).Union(balances.Keys.Where(a => a.StartsWith("insurer:", StringComparison.Ordinal)).Select(a => a[8..])))
        {
            var held = balances.GetValueOrDefault(LedgerAccount.Insurer(insurer).Code);
            var expected = owed.GetValueOrDefault(insurer) - collected.GetValueOrDefault(insurer);
            if (held != expected)
            {
                Problem(Text($"insurer {insurer}: its account holds {held} cents, its accepted shares less what was collected make {expected}"));
            }
        }

        var total = balances.Values.Sum();
        if (total != 0)
        {
            Problem(Text($"the trial balance is {total} cents, not 0"));
        }

        return new LedgerReport(entries.Count, allClaims.Count, payments.Count, acceptedShares, paid, payable, count, problems);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="LedgerCheck"/> found.</summary>
public sealed record LedgerReport(
    int Entries, int Invoices, int Payments, long AcceptedCents, long PaidCents, long PayableCents, long ProblemCount, IReadOnlyList<string> Problems)
{
    public bool Balanced => ProblemCount == 0;
}
