using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Payments;
using TiersPayant.Domain.Payments;
using TiersPayant.Payments.Sepa;

namespace TiersPayant.Payments;

/// <summary>
/// Writes a prepared run's SEPA credit-transfer file (pain.001.001.09) under
/// <c>DATA/payments/</c>: first in <c>DATA/payments/.partial/</c>, flushed to disk, then renamed to
/// its final name in one step, so a bank's pick-up never sees half a file. The bytes depend only on
/// what the database holds, so a run stopped after the rename writes the same file again, finds it
/// there, and only records it.
/// </summary>
internal sealed class PaymentFiles(IServiceScopeFactory scopes, IOptions<PaymentsOptions> options, IConfiguration configuration, TimeProvider time)
{
    /// <summary>The folder a bank's pick-up reads.</summary>
    public string Folder => Path.Combine(configuration.DataDirectory(), "payments");

    public async Task<PaymentRunRecord> WriteAsync(Guid runId, CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var run = await db.PaymentRuns.SingleAsync(r => r.Id == runId, cancellation);
        if (run.Status == RunStatuses.Written)
        {
            return run;
        }

        if (run.Status != RunStatuses.Prepared)
        {
            throw new InvalidOperationException($"payment run {run.Number} is {run.Status}, not prepared");
        }

        var transfers = await db.Payments.AsNoTracking().Where(p => p.RunId == run.Id && p.AmountCents > 0).OrderBy(p => p.Reference)
            .Select(p => new { p.Reference, p.Creditor, p.Iban, p.Bic, p.AmountCents, Lines = p.Lines.Count })
            .ToListAsync(cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        if (transfers.Count > 0)
        {
            var debtor = options.Value;
            var bytes = SafeFiles.Build(() => CreditTransferFile.Write(new CreditTransferBatch(
                run.Number,
                new DateTimeOffset(DateTime.SpecifyKind(run.PreparedAt!.Value, DateTimeKind.Utc)),
                run.ExecutionDate,
                new Party(debtor.DebtorName, Iban.Parse(debtor.DebtorIban).Value, Bic.Parse(debtor.DebtorBic).Value),
                [.. transfers.Select(t => new CreditTransfer(t.Reference, t.Creditor, t.Iban!, t.Bic, t.AmountCents,
                    $"Tiers payant {run.Number}: {t.Lines} facture(s), releve sur le portail /paiements"))])));
            var name = run.Number + ".xml";
            SafeFiles.Publish(Folder, name, bytes);
            run.FileName = name;
            run.FileSha256 = SHA256.HashData(bytes);
            run.TransferCount = transfers.Count;
            run.TotalCents = transfers.Sum(t => t.AmountCents);
            LedgerWriter.Post(db, Postings.PaymentIssued(run.TotalCents), run.Number, time.GetUtcNow().UtcDateTime, run: run.Id);
        }

        run.Status = RunStatuses.Written;
        run.WrittenAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return run;
    }
}
