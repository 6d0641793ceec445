using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Payments;
using TiersPayant.Domain.Payments;
using TiersPayant.Payments.Sepa;

namespace TiersPayant.Payments;

/// <summary>
/// <c>tiers billing run</c>: bills each insurer for what was paid on its behalf. Every invoice paid
/// in a run whose file was handed over (and every recovery) and not yet billed goes, in one
/// transaction, on its insurer's statement; an insurer with a valid mandate is collected by SEPA
/// core direct debit (one pain.008.001.02 file per billing run, written beside its name under
/// <c>DATA/billing/</c> then renamed), the collection posted to the ledger; one without a mandate
/// gets a statement to pay against, its debt staying in its account. One billing run at a time
/// across nodes (a lease); a run stopped after its statements were written writes its file on the
/// next run.
/// </summary>
internal sealed partial class InsurerBilling(
    IServiceScopeFactory scopes, IOptions<PaymentsOptions> options, IConfiguration configuration, TimeProvider time, ILogger<InsurerBilling> logger)
{
    public const string LeaseName = "insurer-billing";

    public string Folder => Path.Combine(configuration.DataDirectory(), "billing");

    public async Task<BillingOutcome> RunAsync(CancellationToken cancellation)
    {
        if (options.Value.Problem() is { } problem)
        {
            return BillingOutcome.Refused(problem);
        }

        var holder = Leases.NewHolder();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        if (await Leases.TryAcquireAsync(db, LeaseName, holder, Now(), PaymentRuns.LeaseTime, cancellation) is { } other)
        {
            return BillingOutcome.Refused($"another billing run is under way ({other}); this one did not start");
        }

        try
        {
            var pending = await db.InsurerStatements.Where(s => s.Settlement == Settlements.DirectDebit && s.FileName == null)
                .Select(s => s.Run).Distinct().ToListAsync(cancellation);
            var left = new List<SkippedInsurer>();
            var run = pending.FirstOrDefault() ?? await BillAsync(db, left, cancellation);
            if (run is null)
            {
                return new BillingOutcome(null, null, [], left, null);
            }

            var file = await WriteAsync(db, run, cancellation);
            var statements = await db.InsurerStatements.AsNoTracking().Where(s => s.Run == run).OrderBy(s => s.InsurerAmc)
                .Select(s => new BilledInsurer(s.InsurerAmc, s.Number, s.TotalCents, s.LineCount, s.Settlement)).ToListAsync(cancellation);
            LogBilled(logger, run, statements.Count);
            return new BillingOutcome(run, file, statements, left, null);
        }
        finally
        {
            await Leases.ReleaseAsync(db, LeaseName, holder, Now(), CancellationToken.None);
        }
    }

    /// <summary>The statements of a new run, in one transaction; null when nothing is to bill.</summary>
    private async Task<string?> BillAsync(TiersPayantDbContext db, List<SkippedInsurer> left, CancellationToken cancellation)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var billable = await db.PaymentLines
            .Where(l => l.Kind == PaymentLineKinds.Paid || l.Kind == PaymentLineKinds.Recovered)
            .Where(l => db.Payments.Any(p => p.Id == l.PaymentId && db.PaymentRuns.Any(r => r.Id == p.RunId && r.Status == RunStatuses.Written)))
            .Where(l => !db.InsurerStatementLines.Any(s => s.ClaimId == l.ClaimId && s.Kind == l.Kind))
            .Join(db.Claims, l => l.ClaimId, c => c.Id, (l, c) => new { l.ClaimId, l.Kind, l.AmountCents, c.InsurerAmc })
            .ToListAsync(cancellation);
        if (billable.Count == 0)
        {
            return null;
        }

        var now = Now();
        var today = Web.Localization.ParisTime.Today(time);
        var run = "BILL-" + Web.Localization.ParisTime.Of(time.GetUtcNow()).ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var insurers = await db.Insurers.AsNoTracking().ToDictionaryAsync(i => i.Amc, cancellation);
        foreach (var group in billable.Where(b => b.InsurerAmc is not null).GroupBy(b => b.InsurerAmc!).OrderBy(g => g.Key))
        {
            var total = group.Sum(b => b.AmountCents);
            if (total <= 0)
            {
                left.Add(new SkippedInsurer(group.Key, "credit-carried"));
                continue;
            }

            var insurer = insurers[group.Key];
            var mandate = Mandate(insurer);
            if (mandate is not null)
            {
                left.Add(new SkippedInsurer(group.Key, mandate));
            }

            var statement = new InsurerStatementRecord
            {
                Id = Guid.CreateVersion7(), Number = run + "-" + group.Key, Run = run, InsurerAmc = group.Key, CreatedAt = now,
                TotalCents = total, LineCount = group.Count(),
                Settlement = mandate is null ? Settlements.DirectDebit : Settlements.ToPay,
                CollectionDate = mandate is null ? WorkingDays.Add(today, options.Value.CollectionDelay) : null,
            };
            statement.Lines.AddRange(group.Select(b => new InsurerStatementLineRecord
            {
                Id = Guid.CreateVersion7(), StatementId = statement.Id, ClaimId = b.ClaimId, Kind = b.Kind, AmountCents = b.AmountCents,
            }));
            db.InsurerStatements.Add(statement);
            if (mandate is null)
            {
                LedgerWriter.Post(db, Postings.InsurerCollected(group.Key, total), statement.Number, now, statement: statement.Id);
            }
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return run;
    }

    /// <summary>The run's direct-debit file, written whole under its name; null when every insurer pays against its statement.</summary>
    private async Task<string?> WriteAsync(TiersPayantDbContext db, string run, CancellationToken cancellation)
    {
        var debits = await db.InsurerStatements.Where(s => s.Run == run && s.Settlement == Settlements.DirectDebit).OrderBy(s => s.InsurerAmc)
            .Join(db.Insurers, s => s.InsurerAmc, i => i.Amc, (s, i) => new { Statement = s, i.Name, i.Iban, i.Bic, i.MandateId, i.MandateSignedOn })
            .ToListAsync(cancellation);
        if (debits.Count == 0)
        {
            return null;
        }

        var settings = options.Value;
        var bytes = SafeFiles.Build(() => DirectDebitFile.Write(new DirectDebitBatch(
            run, new DateTimeOffset(DateTime.SpecifyKind(debits[0].Statement.CreatedAt, DateTimeKind.Utc)), debits[0].Statement.CollectionDate!.Value,
            new Party(settings.DebtorName, Iban.Parse(settings.DebtorIban).Value, Bic.Parse(settings.DebtorBic).Value), settings.CreditorSchemeId,
            [.. debits.Select(d => new DirectDebit(d.Statement.Number, d.Name, Iban.Parse(d.Iban!).Value, d.Bic, d.MandateId!, d.MandateSignedOn!.Value,
                d.Statement.TotalCents, $"Tiers payant {d.Statement.Number}: {d.Statement.LineCount} facture(s) payees pour votre compte"))])));
        var name = run + ".xml";
        SafeFiles.Publish(Folder, name, bytes);
        foreach (var d in debits)
        {
            d.Statement.FileName = name;
        }

        await db.SaveChangesAsync(cancellation);
        return name;
    }

    /// <summary>Why the insurer cannot be debited (it then pays against its statement), or null.</summary>
    private static string? Mandate(Data.Members.InsurerRecord insurer) =>
        string.IsNullOrWhiteSpace(insurer.MandateId) || insurer.MandateSignedOn is null ? "mandate-missing"
        : !Iban.TryParse(insurer.Iban, out _, out var error) ? "mandate-iban-" + error
        : insurer.Bic is not null && !Bic.TryParse(insurer.Bic, out _, out var bicError) ? "mandate-bic-" + bicError
        : null;

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing run {Run}: {Count} insurer statements.")]
    private static partial void LogBilled(ILogger logger, string run, int count);
}

/// <summary>How an insurer settles a statement.</summary>
internal static class Settlements
{
    public const string DirectDebit = "direct-debit";

    public const string ToPay = "to-pay";
}

/// <summary>An insurer's statement in a billing run.</summary>
public sealed record BilledInsurer(string Insurer, string Statement, long TotalCents, int Lines, string Settlement);

/// <summary>An insurer not billed, or billed without a direct debit, and why.</summary>
public sealed record SkippedInsurer(string Insurer, string Reason);

/// <summary>What a billing run did, or why it did not start.</summary>
public sealed record BillingOutcome(string? Run, string? File, IReadOnlyList<BilledInsurer> Statements, IReadOnlyList<SkippedInsurer> Notes, string? Problem)
{
    public static BillingOutcome Refused(string problem) => new(null, null, [], [], problem);
}
