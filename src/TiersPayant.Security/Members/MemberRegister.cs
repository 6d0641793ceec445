using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using TiersPayant.Data;
using TiersPayant.Data.Protection;
using TiersPayant.Domain;
using TiersPayant.Domain.Members;
using TiersPayant.Security.Audit;
using TiersPayant.Security.Guard;

namespace TiersPayant.Security.Members;

/// <summary>
/// The named door of an insurer's member file: writes people into the register, encrypted and
/// indexed, and nothing ever comes back out of it but counts. To store a person twice without
/// changing a byte it compares with the stored row, which decrypts it: every person so read is
/// recorded in the disclosure log (actor <c>system</c>, role <c>member-import</c>), committed after
/// the import ends, whether the import was kept or rolled back.
/// </summary>
public sealed class MemberRegister
{
    /// <summary>The door's name, recorded as the role of its disclosures.</summary>
    public const string Door = "member-import";

    private readonly TiersPayantDbContext _db;
    private readonly BeneficiaryProtector _protector;
    private readonly DisclosureLog _log;

    internal MemberRegister(TiersPayantDbContext db, BeneficiaryProtector protector, DisclosureLog log) =>
        (_db, _protector, _log) = (db, protector, log);

    /// <summary>Opens one import: a single transaction, ended by <see cref="MemberImport.CommitAsync"/> or a rollback.</summary>
    /// <param name="reference">The import's reference, recorded with what it read.</param>
    /// <param name="cancellation">Cancels opening.</param>
    public async Task<MemberImport> OpenAsync(string reference, CancellationToken cancellation) =>
        new(_db, _protector, _log, await _db.Database.BeginTransactionAsync(cancellation), reference);
}

/// <summary>One member file on its way into the register.</summary>
public sealed class MemberImport : IAsyncDisposable
{
    private const int FlushEvery = 1_000;

    private readonly TiersPayantDbContext _db;
    private readonly BeneficiaryProtector _protector;
    private readonly DisclosureLog _log;
    private readonly IDbContextTransaction _transaction;
    private readonly string _reference;
    private readonly List<(Guid Id, string Insurer)> _read = [];
    private bool _ended;

    internal MemberImport(TiersPayantDbContext db, BeneficiaryProtector protector, DisclosureLog log, IDbContextTransaction transaction, string reference) =>
        (_db, _protector, _log, _transaction, _reference) = (db, protector, log, transaction, reference);

    /// <summary>How many stored people this import compared with (and so read).</summary>
    public int PeopleRead => _read.Count;

    /// <summary>
    /// Inserts the person (under <paramref name="member"/>'s identifier), or updates the one stored
    /// under the same (insurer, membership number, birth date, birth rank), keeping its identifier.
    /// </summary>
    public async Task<MemberWrite> WriteAsync(Beneficiary member, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        var identity = _protector.IdentityIndex(member.Insurer, member.MembershipNumber, member.BirthDate, member.BirthRank);
        var existing = await _db.Beneficiaries.SingleOrDefaultAsync(b => b.IdentityIndex == identity, cancellation);
        MemberWrite result;
        if (existing is null)
        {
            _db.Beneficiaries.Add(_protector.Protect(member));
            result = MemberWrite.Inserted;
        }
        else
        {
            _read.Add((existing.Id, existing.InsurerAmc));
            var stored = new Beneficiary(
                new BeneficiaryId(existing.Id), member.Insurer, member.MembershipNumber, member.BirthRank, member.Name,
                member.BirthDate, member.Nir, member.Relationship, member.ContractCode, member.Rights);
            result = _protector.Apply(stored, existing) ? MemberWrite.Updated : MemberWrite.Unchanged;
        }

        if (_db.ChangeTracker.Entries().Count() >= FlushEvery)
        {
            await _db.SaveChangesAsync(cancellation);
            _db.ChangeTracker.Clear();
        }

        return result;
    }

    /// <summary>Keeps everything written, then records what was read.</summary>
    public async Task CommitAsync(CancellationToken cancellation)
    {
        await _db.SaveChangesAsync(cancellation);
        await _transaction.CommitAsync(cancellation);
        await EndAsync(cancellation);
    }

    /// <summary>Keeps nothing written, then records what was read.</summary>
    public async Task RollbackAsync(CancellationToken cancellation)
    {
        await _transaction.RollbackAsync(cancellation);
        _db.ChangeTracker.Clear();
        await EndAsync(cancellation);
    }

    /// <summary>An import neither committed nor rolled back is rolled back, and what it read recorded.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_ended)
        {
            await RollbackAsync(CancellationToken.None);
        }

        await _transaction.DisposeAsync();
    }

    private async Task EndAsync(CancellationToken cancellation)
    {
        _ended = true;
        if (_read.Count == 0)
        {
            return;
        }

        // After the transaction: recorded whatever became of the import, and never waiting on its locks.
        var fields = new[] { DisclosedFields.LastName, DisclosedFields.FirstName, DisclosedFields.BirthDate, DisclosedFields.MemberNumber, DisclosedFields.Nir };
        var door = Reader.Door(MemberRegister.Door);
        await _log.RecordAllAsync([.. _read.Select(r => _log.Entry(door, r.Id, r.Insurer, fields, "member-import", _reference))], cancellation);
        _read.Clear();
    }
}

/// <summary>What became of one person of a member file.</summary>
public enum MemberWrite
{
    /// <summary>A person new to the register.</summary>
    Inserted,

    /// <summary>A stored person whose data changed.</summary>
    Updated,

    /// <summary>A stored person, byte for byte as before.</summary>
    Unchanged,
}
