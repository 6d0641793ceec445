using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Protection;
using TiersPayant.Domain;
using TiersPayant.Web.Localization;

namespace TiersPayant.Features.Members.Import;

/// <summary>
/// Loads an insurer's member file: good rows are inserted or updated by (membership number,
/// birth date, birth rank), so importing a file twice changes nothing the second time; bad rows
/// are reported by line. The whole file is one transaction: with <c>allOrNothing</c> a single bad
/// row keeps every row out, and a failure half-way never leaves half a file.
/// </summary>
internal sealed class MemberImporter(TiersPayantDbContext db, BeneficiaryProtector protector, TimeProvider time)
{
    private const int FlushEvery = 1_000;

    public async Task<ImportReport> ImportAsync(Stream file, AmcNumber insurerId, bool allOrNothing, CancellationToken cancellation)
    {
        var insurerRecord = await db.Insurers.AsNoTracking().Include(i => i.Contracts).ThenInclude(c => c.Guarantees)
            .SingleOrDefaultAsync(i => i.Amc == insurerId.Value, cancellation)
            ?? throw new UnknownInsurerException();
        var insurer = insurerRecord.ToInsurer();
        var today = ParisTime.Today(time);

        using var reader = new MemberFileReader(file);
        var report = new ImportReport();
        report.Errors.AddRange(reader.ReadHeader());
        if (report.Errors.Count > 0)
        {
            return report;
        }

        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        foreach (var row in reader.Rows())
        {
            var (member, errors) = MemberRowValidator.Validate(row, insurer, today);
            if (member is null)
            {
                report.Errors.AddRange(errors);
                continue;
            }

            var identity = protector.IdentityIndex(insurer.Amc, member.MembershipNumber, member.BirthDate, member.BirthRank);
            var key = Convert.ToBase64String(identity);
            if (seen.TryGetValue(key, out var firstLine))
            {
                report.Errors.Add(new ImportError(member.Line, "birth_rank",
                    $"same person (membership number, birth date, birth rank) as line {firstLine}"));
                continue;
            }

            seen[key] = member.Line;

            var existing = await db.Beneficiaries.SingleOrDefaultAsync(b => b.IdentityIndex == identity, cancellation);
            if (existing is null)
            {
                db.Beneficiaries.Add(protector.Protect(member.ToBeneficiary(BeneficiaryId.New(), insurer.Amc)));
                report.Inserted++;
            }
            else if (protector.Apply(member.ToBeneficiary(new BeneficiaryId(existing.Id), insurer.Amc), existing))
            {
                report.Updated++;
            }
            else
            {
                report.Unchanged++;
            }

            if (db.ChangeTracker.Entries().Count() >= FlushEvery)
            {
                await db.SaveChangesAsync(cancellation);
                db.ChangeTracker.Clear();
            }
        }

        if (allOrNothing && report.Errors.Count > 0)
        {
            await transaction.RollbackAsync(cancellation);
            db.ChangeTracker.Clear();
            return report;
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        report.Committed = true;
        return report;
    }
}

/// <summary>What an import did.</summary>
internal sealed class ImportReport
{
    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public List<ImportError> Errors { get; } = [];

    /// <summary>Lines rejected (a line with several faulty fields counts once).</summary>
    public int RejectedLines => Errors.Where(e => e.Field != "header").Select(e => e.Line).Distinct().Count();

    /// <summary>True when the good rows were written.</summary>
    public bool Committed { get; set; }
}

/// <summary>No insurer has the AMC number given.</summary>
internal sealed class UnknownInsurerException() : InvalidOperationException("No insurer has this AMC number.");
