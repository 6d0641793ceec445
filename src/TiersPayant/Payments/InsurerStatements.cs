using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Domain.Claims;
using TiersPayant.Security.Audit;

namespace TiersPayant.Payments;

/// <summary>
/// What an insurer's managers see of their billing: their statements, a statement's invoices (the
/// beneficiary as the insurer's pseudonym, the one its disclosure-log entries carry; the domain;
/// the amounts), their invoices per domain and month, and why invoices were rejected.
/// </summary>
public sealed class InsurerStatements(TiersPayantDbContext db, InsurerPseudonyms pseudonyms)
{
    public async Task<List<StatementSummary>> ListAsync(string insurer, CancellationToken cancellation) =>
        [.. (await db.InsurerStatements.AsNoTracking().Where(s => s.InsurerAmc == insurer).OrderByDescending(s => s.CreatedAt).Take(50)
            .ToListAsync(cancellation))
            .Select(s => new StatementSummary(s.Number, Utc(s.CreatedAt), s.Settlement, s.CollectionDate, s.TotalCents, s.LineCount))];

    public async Task<StatementDetail?> ReadAsync(string insurer, string number, CancellationToken cancellation)
    {
        var statement = await db.InsurerStatements.AsNoTracking().SingleOrDefaultAsync(s => s.InsurerAmc == insurer && s.Number == number, cancellation);
        if (statement is null)
        {
            return null;
        }

        var lines = await db.InsurerStatementLines.AsNoTracking().Where(l => l.StatementId == statement.Id)
            .Join(db.Claims, l => l.ClaimId, c => c.Id, (l, c) => new { c.Number, c.BeneficiaryId, c.Domain, c.CareDate, c.TotalCents, c.AmoCents, l.Kind, l.AmountCents })
            .OrderBy(x => x.Number).ToListAsync(cancellation);
        return new StatementDetail(
            new StatementSummary(statement.Number, Utc(statement.CreatedAt), statement.Settlement, statement.CollectionDate, statement.TotalCents, statement.LineCount),
            [.. lines.Select(l => new StatementLine(l.Number, l.BeneficiaryId is { } b ? pseudonyms.Of(insurer, b) : "—", l.Domain, l.CareDate, l.TotalCents, l.AmoCents, l.Kind, l.AmountCents))]);
    }

    /// <summary>Accepted invoices of the insurer's members per month (Paris) and domain, the last twelve months.</summary>
    public async Task<(IReadOnlyList<DateOnly> Months, IReadOnlyDictionary<string, int[]> ByDomain)> PerMonthAsync(string insurer, DateOnly today, CancellationToken cancellation)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var from = DateOnly.FromDateTime(first.ToDateTime(TimeOnly.MinValue));
        var rows = await db.Claims.AsNoTracking().Where(c => c.InsurerAmc == insurer && c.Status != ClaimStatus.Rejected && c.CareDate >= from)
            .GroupBy(c => new { c.Domain, c.CareDate.Year, c.CareDate.Month }).Select(g => new { g.Key.Domain, g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(cancellation);
        var months = Enumerable.Range(0, 12).Select(first.AddMonths).ToList();
        var byDomain = rows.GroupBy(r => r.Domain).ToDictionary(g => g.Key, g => months.Select(m => g.Where(r => r.Year == m.Year && r.Month == m.Month).Sum(r => r.Count)).ToArray());
        return (months, byDomain);
    }

    /// <summary>Rejected invoices of the insurer's members by reason code, the last twelve months, most frequent first.</summary>
    public async Task<List<(string Reason, int Count)>> RejectionsAsync(string insurer, DateOnly today, CancellationToken cancellation)
    {
        var from = today.AddMonths(-12);
        var reasons = await db.Claims.AsNoTracking().Where(c => c.InsurerAmc == insurer && c.Status == ClaimStatus.Rejected && c.CareDate >= from)
            .Select(c => c.Reasons).ToListAsync(cancellation);
        return [.. reasons.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries)).GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal)];
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}

public sealed record StatementSummary(string Number, DateTimeOffset CreatedAt, string Settlement, DateOnly? CollectionDate, long TotalCents, int Lines);

public sealed record StatementDetail(StatementSummary Statement, IReadOnlyList<StatementLine> Lines);

/// <summary>One invoice on a statement: the beneficiary as the insurer's pseudonym, never a name.</summary>
public sealed record StatementLine(string ClaimId, string Beneficiary, string Domain, DateOnly CareDate, long TotalCents, long AmoCents, string Kind, long AmountCents);
