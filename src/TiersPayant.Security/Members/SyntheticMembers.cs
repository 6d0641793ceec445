using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Protection;
using TiersPayant.Domain.Members;

namespace TiersPayant.Security.Members;

/// <summary>
/// The named door of the demo seeder: writes synthetic people into the register and removes them
/// again, reading none. A register whose people were ever disclosed is not emptied: the disclosure
/// log is kept, so a demo with a history is re-seeded into a new database.
/// </summary>
public sealed class SyntheticMembers
{
    private readonly TiersPayantDbContext _db;
    private readonly BeneficiaryProtector _protector;

    internal SyntheticMembers(TiersPayantDbContext db, BeneficiaryProtector protector) => (_db, _protector) = (db, protector);

    /// <summary>True when no disclosure was ever recorded: the register may be emptied.</summary>
    public async Task<bool> MayClearAsync(CancellationToken cancellation) => !await _db.Disclosures.AnyAsync(cancellation);

    /// <summary>Deletes every person and every failed-match count; refuses when the disclosure log is not empty.</summary>
    public async Task ClearAsync(CancellationToken cancellation)
    {
        if (!await MayClearAsync(cancellation))
        {
            throw new InvalidOperationException("The disclosure log is not empty: the people it names are kept.");
        }

        await _db.MatchFailures.ExecuteDeleteAsync(cancellation);
        await _db.Beneficiaries.ExecuteDeleteAsync(cancellation);
    }

    /// <summary>
    /// Writes synthetic people in bulk (on PostgreSQL a binary COPY, streamed), each passed to
    /// <paramref name="seen"/> first and protected exactly as the normal path stores it;
    /// <paramref name="progress"/> hears the count every <see cref="BulkInsert.ProgressEvery"/> rows.
    /// </summary>
    public Task<int> InsertAsync(IEnumerable<Beneficiary> people, Action<Beneficiary> seen, CancellationToken cancellation, IProgress<int>? progress = null) =>
        _db.InsertAsync(Protected(people, seen), cancellation, progress);

    // Encryption and blind indexes are most of a seed's work and each row's are independent: a
    // chunk at a time is protected on every core, then written in order (memory stays one chunk).
    private IEnumerable<Data.Members.BeneficiaryRecord> Protected(IEnumerable<Beneficiary> people, Action<Beneficiary> seen)
    {
        foreach (var chunk in people.Chunk(4096))
        {
            foreach (var person in chunk)
            {
                seen(person);
            }

            var rows = new Data.Members.BeneficiaryRecord[chunk.Length];
            Parallel.For(0, chunk.Length, i => rows[i] = _protector.Protect(chunk[i]));
            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }
}
