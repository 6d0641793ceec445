using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;

namespace TiersPayant.Payments;

/// <summary>
/// Remittance statements: a practice's payments, and for one payment every invoice it paid,
/// reported rejected or recovered, with amounts and reasons. Numbers, dates, domains and amounts:
/// never who the patient is (as in the invoice list), so nothing here reads a beneficiary.
/// </summary>
public sealed class Remittances(TiersPayantDbContext db)
{
    public const int MaxPageSize = 100;

    /// <summary>The practice's payments, newest first, created between <paramref name="from"/> and <paramref name="to"/> (Paris dates, inclusive).</summary>
    public async Task<RemittancePage> ListAsync(Guid practice, DateOnly? from, DateOnly? to, int page, int pageSize, CancellationToken cancellation)
    {
        var query = db.Payments.AsNoTracking().Where(p => p.PracticeId == practice);
        if (from is { } f)
        {
            var start = Web.Localization.ParisTime.FromLocal(f.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
            query = query.Where(p => p.CreatedAt >= start);
        }

        if (to is { } t)
        {
            var end = Web.Localization.ParisTime.FromLocal(t.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime;
            query = query.Where(p => p.CreatedAt < end);
        }

        var total = await query.CountAsync(cancellation);
        var rows = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Reference)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.PaymentRuns, p => p.RunId, r => r.Id, (p, r) => new
            {
                p.Reference, r.Number, p.CreatedAt, r.ExecutionDate, p.AmountCents,
                Paid = p.Lines.Count(l => l.Kind == PaymentLineKinds.Paid),
                Rejected = p.Lines.Count(l => l.Kind == PaymentLineKinds.Rejected),
                Recovered = p.Lines.Count(l => l.Kind == PaymentLineKinds.Recovered),
            })
            .ToListAsync(cancellation);
        return new RemittancePage(
            [.. rows.Select(r => new RemittanceSummary(r.Reference, r.Number, Utc(r.CreatedAt), r.ExecutionDate, r.AmountCents, r.Paid, r.Rejected, r.Recovered))],
            page, pageSize, total);
    }

    /// <summary>One of the practice's payments with its lines (of one kind when <paramref name="kind"/> is given), or null.</summary>
    public async Task<RemittanceStatement?> ReadAsync(Guid practice, string reference, string? kind, CancellationToken cancellation)
    {
        var payment = await db.Payments.AsNoTracking().Where(p => p.PracticeId == practice && p.Reference == reference)
            .Join(db.PaymentRuns, p => p.RunId, r => r.Id, (p, r) => new { p.Id, p.Reference, r.Number, p.CreatedAt, r.ExecutionDate, p.AmountCents, p.Iban })
            .SingleOrDefaultAsync(cancellation);
        if (payment is null)
        {
            return null;
        }

        var lines = await db.PaymentLines.AsNoTracking().Where(l => l.PaymentId == payment.Id && (kind == null || l.Kind == kind))
            .Join(db.Claims, l => l.ClaimId, c => c.Id, (l, c) => new
            {
                c.Number, c.CareDate, c.Domain, c.AgreementNumber, l.Kind, c.TotalCents, c.AmoCents, InsurerCents = c.Status == Domain.Claims.ClaimStatus.Rejected ? 0 : c.AmcCents,
                c.PatientCents, l.AmountCents, c.Reasons,
            })
            .OrderBy(l => l.Number)
            .ToListAsync(cancellation);
        return new RemittanceStatement(
            payment.Reference, payment.Number, Utc(payment.CreatedAt), payment.ExecutionDate, payment.AmountCents, Masked(payment.Iban),
            [.. lines.Select(l => new RemittanceLine(l.Number, l.CareDate, l.Domain, l.AgreementNumber, l.Kind, l.TotalCents, l.AmoCents, l.InsurerCents, l.PatientCents,
                l.AmountCents, l.Reasons.Length == 0 ? [] : l.Reasons.Split(',')))]);
    }

    /// <summary>
    /// The statement as CSV for a spreadsheet: UTF-8 with a byte-order mark, ';' separated,
    /// amounts in euros with a decimal comma (what French spreadsheets open as they are).
    /// </summary>
    public static byte[] Csv(RemittanceStatement statement)
    {
        var french = CultureInfo.GetCultureInfo("fr-FR");
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var header in new[] { "paiement", "facture", "date_soins", "domaine", "prise_en_charge", "ligne", "total", "part_amo", "part_amc", "part_patient", "montant_paye", "motifs" })
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            string Euros(long cents) => (cents / 100m).ToString("0.00", french);
            foreach (var line in statement.Lines)
            {
                csv.WriteField(statement.PaymentId);
                csv.WriteField(line.ClaimId);
                csv.WriteField(line.CareDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(line.Domain);
                csv.WriteField(line.AgreementNumber ?? string.Empty);
                csv.WriteField(line.Kind switch { PaymentLineKinds.Paid => "payée", PaymentLineKinds.Rejected => "rejetée", _ => "reprise" });
                csv.WriteField(Euros(line.TotalCents));
                csv.WriteField(Euros(line.AmoCents));
                csv.WriteField(Euros(line.AmcCents));
                csv.WriteField(Euros(line.PatientCents));
                csv.WriteField(Euros(line.PaidCents));
                csv.WriteField(string.Join(' ', line.Reasons));
                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The account paid, as a statement shows it: country, check digits and the last four characters.</summary>
    private static string? Masked(string? iban) => iban is { Length: > 8 } ? string.Concat(iban.AsSpan(0, 4), " **** ", iban.AsSpan(iban.Length - 4)) : null;

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}

/// <summary>A page of a practice's payments.</summary>
public sealed record RemittancePage(IReadOnlyList<RemittanceSummary> Items, int Page, int PageSize, int Total);

/// <summary>One payment: its reference (the transfer's end-to-end identifier), run, date, execution date, amount, and how many invoices of each kind.</summary>
public sealed record RemittanceSummary(string PaymentId, string Run, DateTimeOffset CreatedAt, DateOnly ExecutionDate, long AmountCents, int Paid, int Rejected, int Recovered);

/// <summary>A remittance statement: the payment and its lines.</summary>
public sealed record RemittanceStatement(
    string PaymentId, string Run, DateTimeOffset CreatedAt, DateOnly ExecutionDate, long AmountCents, string? Account, IReadOnlyList<RemittanceLine> Lines);

/// <summary>
/// One invoice in a statement: <c>paid</c> (<see cref="PaidCents"/> is its insurer share),
/// <c>rejected</c> (0, with the reasons) or <c>recovered</c> (a paid invoice cancelled since: minus its share).
/// </summary>
public sealed record RemittanceLine(
    string ClaimId, DateOnly CareDate, string Domain, string? AgreementNumber, string Kind,
    long TotalCents, long AmoCents, long AmcCents, long PatientCents, long PaidCents, IReadOnlyList<string> Reasons);
