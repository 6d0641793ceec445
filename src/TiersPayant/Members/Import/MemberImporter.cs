using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Security.Members;
using TiersPayant.Domain;
using TiersPayant.Domain.Members;
using TiersPayant.Web.Localization;

namespace TiersPayant.Members.Import;

/// <summary>
/// Loads an insurer's member file: good rows are inserted or updated by (membership number,
/// birth date, birth rank), so importing a file twice changes nothing the second time; bad rows
/// are reported by line. The whole file is one transaction: with <c>allOrNothing</c> a single bad
/// row keeps every row out, and a failure half-way never leaves half a file.
/// </summary>
internal sealed class MemberImporter(TiersPayantDbContext db, MemberRegister register, TimeProvider time)
{
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

        var seen = new Dictionary<(string Member, DateOnly BirthDate, int Rank), long>();
        await using var import = await register.OpenAsync(References.New("IMP"), cancellation);
        foreach (var row in reader.Rows())
        {
            var (member, errors) = MemberRowValidator.Validate(row, insurer, today);
            if (member is null)
            {
                report.Errors.AddRange(errors);
                continue;
            }

            var key = (MembershipNumbers.Normalize(member.MembershipNumber), member.BirthDate, member.BirthRank);
            if (seen.TryGetValue(key, out var firstLine))
            {
                report.Errors.Add(new ImportError(member.Line, "birth_rank",
                    $"same person (membership number, birth date, birth rank) as line {firstLine}"));
                continue;
            }

            seen[key] = member.Line;
            switch (await import.WriteAsync(member.ToBeneficiary(BeneficiaryId.New(), insurer.Amc), cancellation))
            {
                case MemberWrite.Inserted:
                    report.Inserted++;
                    break;
                case MemberWrite.Updated:
                    report.Updated++;
                    break;
                default:
                    report.Unchanged++;
                    break;
            }
        }

        if (allOrNothing && report.Errors.Count > 0)
        {
            await import.RollbackAsync(cancellation);
            return report;
        }

        await import.CommitAsync(cancellation);
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
