using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TiersPayant.Data.Protection;

/// <summary>
/// Rotation of the data keys (<c>tiers keys rotate</c>): a fresh key is added to the keys file and
/// made current, then every encrypted value under an older key (beneficiaries' NIR and identity,
/// accounts' authenticator secrets) is re-encrypted under it, page by page, each row replaced only
/// if nobody changed it meanwhile. Reads and writes go on throughout: every old key stays in the
/// ring, a node asked for a key it does not hold yet reads the file again, and a node that has not
/// noticed the new key yet (within <see cref="KeyRing.ReloadInterval"/>) writes under the previous
/// one, which the following pass picks up. The clear values never leave the cipher. Documents
/// attached to agreements are re-encrypted too, a few at a time (they weigh up to megabytes each),
/// found by the key identifier stored beside each.
/// </summary>
public sealed partial class FieldKeyRotation
{
    /// <summary>Rows re-encrypted per transaction.</summary>
    public const int PageSize = 500;

    /// <summary>Documents re-encrypted per transaction: each may weigh megabytes.</summary>
    public const int DocumentPageSize = 16;

    /// <summary>Passes over the rows before giving up on a node that keeps writing under an old key.</summary>
    public const int MaxPasses = 6;

    private readonly IServiceScopeFactory _scopes;
    private readonly KeyRing _ring;
    private readonly FieldCipher _cipher;
    private readonly TimeProvider _time;
    private readonly ILogger<FieldKeyRotation> _logger;

    internal FieldKeyRotation(IServiceScopeFactory scopes, KeyRing ring, FieldCipher cipher, TimeProvider time, ILogger<FieldKeyRotation> logger) =>
        (_scopes, _ring, _cipher, _time, _logger) = (scopes, ring, cipher, time, logger);

    /// <summary>The keys file keys are added to, or null when the keys come from configuration.</summary>
    public string? KeysFile => _ring.File;

    /// <summary>The key new values are encrypted with.</summary>
    public uint CurrentKeyId => _ring.CurrentKeyId;

    /// <summary>Every key the ring holds, ascending.</summary>
    public IReadOnlyList<uint> KeyIds => [.. _ring.KeyIds.Order()];

    /// <summary>
    /// Adds a fresh random key to the keys file and makes it current (on this node at once, on the
    /// others within <see cref="KeyRing.ReloadInterval"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The keys come from configuration, not from a file.</exception>
    public uint AddKey()
    {
        var file = _ring.File ?? throw new InvalidOperationException(
            "the keys come from configuration (Encryption:Keys): add the new key there (Encryption:Keys:<id>), make it Encryption:CurrentKeyId on every node, then run 'tiers keys reencrypt'; or keep them in a keys file (Encryption:KeysFile) that 'tiers keys rotate' adds to.");
        var id = KeyFile.AddKey(file);
        _ring.Reload();
        LogKeyAdded(_logger, id);
        return id;
    }

    /// <summary>How many encrypted values each key holds now (a scan of every row).</summary>
    public async Task<IReadOnlyDictionary<uint, long>> UsageAsync(CancellationToken cancellation = default)
    {
        var usage = new SortedDictionary<uint, long>();
        void Count(byte[]? blob)
        {
            if (blob is { Length: > 4 })
            {
                var id = FieldCipher.KeyIdOf(blob);
                usage[id] = usage.GetValueOrDefault(id) + 1;
            }
        }

        await foreach (var page in BeneficiaryPagesAsync(cancellation))
        {
            page.ForEach(row => { Count(row.Nir); Count(row.Identity); });
        }

        await foreach (var page in AccountPagesAsync(cancellation))
        {
            page.ForEach(row => Count(row.Secret));
        }

        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            var documents = await db.AgreementDocuments.AsNoTracking().GroupBy(d => d.KeyId)
                .Select(g => new { KeyId = g.Key, Count = g.LongCount() }).ToListAsync(cancellation);
            documents.ForEach(d => usage[(uint)d.KeyId] = usage.GetValueOrDefault((uint)d.KeyId) + d.Count);
        }

        return usage;
    }

    /// <summary>The latest re-encryption, running or ended, for the console.</summary>
    public async Task<RotationProgress?> LatestAsync(CancellationToken cancellation = default)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var record = await db.KeyRotations.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellation);
        return record is null ? null : Progress(record);
    }

    /// <summary>
    /// Re-encrypts every value under an older key with the current key, reporting as it goes (and
    /// in the database, for the console). Passes over the rows until one finds nothing left; a pass
    /// after the first waits until every node has had time to notice the key.
    /// </summary>
    /// <exception cref="InvalidOperationException">After <see cref="MaxPasses"/> passes values are still being written under an older key.</exception>
    public async Task<RotationProgress> ReencryptAsync(IProgress<RotationProgress>? progress = null, CancellationToken cancellation = default)
    {
        var key = _ring.CurrentKeyId;
        var record = new KeyRotationRecord { Id = Guid.CreateVersion7(), KeyId = key, StartedAt = Now(), UpdatedAt = Now() };
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            record.Total = await db.Beneficiaries.LongCountAsync(cancellation) + await db.Users.LongCountAsync(u => u.TotpSecretCipher != null, cancellation)
                + await db.AgreementDocuments.LongCountAsync(cancellation);
            db.KeyRotations.Add(record);
            await db.SaveChangesAsync(cancellation);
        }

        LogStarted(_logger, key, record.Total);
        for (var pass = 1; ; pass++)
        {
            var started = _time.GetTimestamp();
            var left = await PassAsync(record, progress, cancellation);
            if (left == 0)
            {
                break;
            }

            if (pass == MaxPasses)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"after {pass} passes, {left} values were still written under an older key than {key}: does every node read the same keys file ({_ring.File})? 'tiers keys reencrypt' takes the rotation up again."));
            }

            // What a node wrote before it noticed the key: wait until every node has, then look again.
            var wait = (2 * KeyRing.ReloadInterval) - _time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellation);
            }
        }

        record.FinishedAt = Now();
        await SaveProgressAsync(record, cancellation);
        LogFinished(_logger, key, record.Reencrypted);
        var done = Progress(record);
        progress?.Report(done);
        return done;
    }

    /// <returns>Values found under an older key in this pass, re-encrypted or changed meanwhile (to look at again).</returns>
    private async Task<long> PassAsync(KeyRotationRecord record, IProgress<RotationProgress>? progress, CancellationToken cancellation)
    {
        var key = (uint)record.KeyId;
        long left = 0;
        record.Scanned = 0;
        await foreach (var page in BeneficiaryPagesAsync(cancellation))
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            foreach (var row in page)
            {
                var nir = _cipher.Reencrypt(row.Nir, FieldBindings.Beneficiary(row.Id, FieldBindings.Nir), key);
                var identity = _cipher.Reencrypt(row.Identity, FieldBindings.Beneficiary(row.Id, FieldBindings.Identity), key);
                if (nir is null && identity is null)
                {
                    continue;
                }

                left++;
                var (oldNir, oldIdentity) = (row.Nir, row.Identity);
                var (newNir, newIdentity) = (nir ?? row.Nir, identity ?? row.Identity);
                var replaced = await db.Beneficiaries
                    .Where(b => b.Id == row.Id && b.NirCipher == oldNir && b.IdentityCipher == oldIdentity)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.NirCipher, newNir).SetProperty(b => b.IdentityCipher, newIdentity), cancellation);
                record.Reencrypted += replaced * ((nir is null ? 0 : 1) + (identity is null ? 0 : 1));
            }

            record.Scanned += page.Count;
            await SaveProgressAsync(db, record, cancellation);
            await transaction.CommitAsync(cancellation);
            progress?.Report(Progress(record));
        }

        await foreach (var page in AccountPagesAsync(cancellation))
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            foreach (var row in page)
            {
                if (_cipher.Reencrypt(row.Secret, FieldBindings.Totp(row.Id), key) is not { } secret)
                {
                    continue;
                }

                left++;
                var old = row.Secret;
                record.Reencrypted += await db.Users
                    .Where(u => u.Id == row.Id && u.TotpSecretCipher == old)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpSecretCipher, secret), cancellation);
            }

            record.Scanned += page.Count;
            await SaveProgressAsync(db, record, cancellation);
            await transaction.CommitAsync(cancellation);
            progress?.Report(Progress(record));
        }

        left += await DocumentsPassAsync(record, progress, cancellation);
        return left;
    }

    /// <summary>
    /// Documents under an older key, a few per transaction; each replaced only if it is still under
    /// the key it was read with. The scan counts every document, as the total does.
    /// </summary>
    private async Task<long> DocumentsPassAsync(KeyRotationRecord record, IProgress<RotationProgress>? progress, CancellationToken cancellation)
    {
        var key = (uint)record.KeyId;
        long left = 0;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            record.Scanned += await db.AgreementDocuments.LongCountAsync(d => d.KeyId == key, cancellation);
        }

        await foreach (var page in PagesAsync(
            (db, after) => db.AgreementDocuments.AsNoTracking()
                .Where(d => d.KeyId != key && (after == null || d.Id.CompareTo(after.Value) > 0))
                .OrderBy(d => d.Id).Take(DocumentPageSize)
                .Select(d => new DocumentBlob(d.Id, d.KeyId, d.ContentCipher)),
            d => d.Id, cancellation, DocumentPageSize))
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            foreach (var row in page)
            {
                if (_cipher.Reencrypt(row.Content, FieldBindings.Document(row.Id), key) is not { } content)
                {
                    continue;
                }

                left++;
                var old = row.KeyId;
                record.Reencrypted += await db.AgreementDocuments
                    .Where(d => d.Id == row.Id && d.KeyId == old)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.ContentCipher, content).SetProperty(d => d.KeyId, (long)key), cancellation);
            }

            record.Scanned += page.Count;
            await SaveProgressAsync(db, record, cancellation);
            await transaction.CommitAsync(cancellation);
            progress?.Report(Progress(record));
        }

        return left;
    }

    private IAsyncEnumerable<List<BeneficiaryBlobs>> BeneficiaryPagesAsync(CancellationToken cancellation) =>
        PagesAsync(
            (db, after) => db.Beneficiaries.AsNoTracking()
                .Where(b => after == null || b.Id.CompareTo(after.Value) > 0)
                .OrderBy(b => b.Id).Take(PageSize)
                .Select(b => new BeneficiaryBlobs(b.Id, b.NirCipher, b.IdentityCipher)),
            b => b.Id, cancellation);

    private IAsyncEnumerable<List<AccountBlob>> AccountPagesAsync(CancellationToken cancellation) =>
        PagesAsync(
            (db, after) => db.Users.AsNoTracking()
                .Where(u => u.TotpSecretCipher != null && (after == null || u.Id.CompareTo(after.Value) > 0))
                .OrderBy(u => u.Id).Take(PageSize)
                .Select(u => new AccountBlob(u.Id, u.TotpSecretCipher!)),
            a => a.Id, cancellation);

    /// <summary>The rows page by page, by key after the last one seen, each page read in a scope of its own.</summary>
    private async IAsyncEnumerable<List<T>> PagesAsync<T>(
        Func<TiersPayantDbContext, Guid?, IQueryable<T>> page, Func<T, Guid> key,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation, int size = PageSize)
    {
        Guid? after = null;
        while (true)
        {
            List<T> rows;
            await using (var scope = _scopes.CreateAsyncScope())
            {
                rows = await page(scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>(), after).ToListAsync(cancellation);
            }

            if (rows.Count > 0)
            {
                yield return rows;
            }

            if (rows.Count < size)
            {
                yield break;
            }

            after = key(rows[^1]);
        }
    }

    private async Task SaveProgressAsync(KeyRotationRecord record, CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        await SaveProgressAsync(scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>(), record, cancellation);
    }

    private async Task SaveProgressAsync(TiersPayantDbContext db, KeyRotationRecord record, CancellationToken cancellation)
    {
        record.UpdatedAt = Now();
        var (scanned, reencrypted, updated, finished) = (record.Scanned, record.Reencrypted, record.UpdatedAt, record.FinishedAt);
        await db.KeyRotations.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Scanned, scanned)
            .SetProperty(r => r.Reencrypted, reencrypted)
            .SetProperty(r => r.UpdatedAt, updated)
            .SetProperty(r => r.FinishedAt, finished), cancellation);
    }

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;

    private static RotationProgress Progress(KeyRotationRecord r) => new(
        r.Id, (uint)r.KeyId, Utc(r.StartedAt), Utc(r.UpdatedAt), r.FinishedAt is { } f ? Utc(f) : null, r.Total, r.Scanned, r.Reencrypted);

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Encryption: key {KeyId} added to the keys file and made current")]
    private static partial void LogKeyAdded(ILogger logger, uint keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encryption: re-encrypting {Total} rows under key {KeyId}")]
    private static partial void LogStarted(ILogger logger, uint keyId, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Encryption: every value is under key {KeyId} ({Reencrypted} re-encrypted)")]
    private static partial void LogFinished(ILogger logger, uint keyId, long reencrypted);

    private sealed record BeneficiaryBlobs(Guid Id, byte[] Nir, byte[] Identity);

    private sealed record AccountBlob(Guid Id, byte[] Secret);

    private sealed record DocumentBlob(Guid Id, long KeyId, byte[] Content);
}

/// <summary>A re-encryption's progress: rows looked at out of <see cref="Total"/> in the current pass, values re-encrypted in all.</summary>
public sealed record RotationProgress(
    Guid Id, uint KeyId, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, long Total, long Scanned, long Reencrypted)
{
    /// <summary>Between 0 and 1.</summary>
    public double Fraction => FinishedAt is not null ? 1 : Total == 0 ? 0 : Math.Min(1, (double)Scanned / Total);
}
