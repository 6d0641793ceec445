using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Protection;
using TiersPayant.Domain.Audit;

namespace TiersPayant.Security.Audit;

/// <summary>
/// The disclosure log as an RFC 6962 Merkle tree, published in the C2SP formats: signed
/// checkpoints (tlog-checkpoint, signed-note), hash tiles and entry bundles (tlog-tiles), and
/// inclusion and consistency proofs. Leaves are the records' leaf hashes (level 0); the hashes
/// of full 256^L-leaf subtrees above them are stored once the checkpointer has them; any other
/// node is computed from at most 255 entries per level. Everything served is relative to a
/// signed checkpoint, so what an auditor fetches always matches a root the platform signed.
/// </summary>
public sealed class MerkleLog
{
    /// <summary>Entries per tile (tlog-tiles: 2^8).</summary>
    public const int TileWidth = 256;

    private const int TileHeight = 8;

    private readonly IServiceScopeFactory _scopes;
    private readonly BeneficiaryProtector _protector;
    private readonly CheckpointSigner _signer;
    private readonly TimeProvider _time;
    private readonly AuditMetrics _metrics;

    internal MerkleLog(IServiceScopeFactory scopes, BeneficiaryProtector protector, CheckpointSigner signer, TimeProvider time, AuditMetrics metrics) =>
        (_scopes, _protector, _signer, _time, _metrics) = (scopes, protector, signer, time, metrics);

    /// <summary>The records appended so far (committed): the size the next checkpoint will sign.</summary>
    public async Task<long> SizeAsync(CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = Db(scope);
        return (await HeadAsync(db, cancellation)).Size;
    }

    /// <summary>The newest signed checkpoint, or null before the first.</summary>
    public async Task<Checkpoint?> LatestAsync(CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await LatestAsync(Db(scope), cancellation);
    }

    /// <summary>The checkpoint signed at exactly <paramref name="size"/>, if any.</summary>
    public async Task<Checkpoint?> AtAsync(long size, CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var record = await Db(scope).AuditCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Size == size, cancellation);
        return record is null ? null : Checkpoint.Of(record);
    }

    /// <summary>
    /// Signs a checkpoint of the log as it is now, if it grew since the last one (otherwise returns
    /// the last one): stores the hashes of the subtrees completed since, computes the root, signs.
    /// Safe on several nodes at once (they sign the same text; the first stored wins).
    /// </summary>
    public async Task<Checkpoint> CheckpointAsync(CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = Db(scope);
        var size = (await HeadAsync(db, cancellation)).Size;
        if (await LatestAsync(db, cancellation) is { } latest && latest.Size >= size)
        {
            _metrics.Saw(size, latest.Size, latest.SignedAt.UtcDateTime);
            return latest;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await CatchUpAsync(db, size, cancellation);
        var root = await MerkleTree.RootAsync(size, Source(db, cancellation));
        var note = _signer.Sign(SignedNotes.Checkpoint(_signer.Origin, size, root));
        var record = new AuditCheckpointRecord { Size = size, Root = root, Note = note, SignedAt = _time.GetUtcNow().UtcDateTime };
        db.AuditCheckpoints.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellation);
            _metrics.Signed(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            _metrics.Saw(size, size, record.SignedAt);
            return Checkpoint.Of(record);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await LatestAsync(db, cancellation) ?? throw new InvalidOperationException("The checkpoint could not be stored.");
        }
    }

    /// <summary>
    /// Retention: purges the records written before <paramref name="before"/>, only as a whole
    /// range from the start of the log that a signed checkpoint covers and that ends on a full
    /// 256-record tile, so the stored hashes of those tiles (kept for ever) and the records after
    /// them still give every remaining checkpoint's root: verification holds after a purge.
    /// Checkpoints of sizes below the purge point go with the records. Returns the purge point.
    /// </summary>
    public async Task<long> PurgeAsync(DateTime before, CancellationToken cancellation)
    {
        var latest = await CheckpointAsync(cancellation);
        await using var scope = _scopes.CreateAsyncScope();
        var db = Db(scope);
        var head = await HeadAsync(db, cancellation);
        var cutoff = before;
        var firstKept = await db.Disclosures.Where(d => d.Seq >= head.PurgedBelow && d.OccurredAt >= cutoff).Select(d => (long?)d.Seq).MinAsync(cancellation) ?? latest.Size;
        var point = Math.Min(firstKept, latest.Size) / TileWidth * TileWidth;
        if (point <= head.PurgedBelow)
        {
            return head.PurgedBelow;
        }

        await CatchUpAsync(db, latest.Size, cancellation);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellation))
        {
            await db.AuditHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(h => h.SetProperty(x => x.PurgedBelow, point), cancellation);
            await db.AuditCheckpoints.Where(c => c.Size < point).ExecuteDeleteAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }

        // Below the purge point the database lets records go; in slices, so no transaction grows large.
        var lowest = await db.Disclosures.Select(d => (long?)d.Seq).MinAsync(cancellation) ?? point;
        for (var from = lowest; from < point; from += 10_000)
        {
            var to = Math.Min(point, from + 10_000);
            await db.Disclosures.Where(d => d.Seq >= from && d.Seq < to).ExecuteDeleteAsync(cancellation);
        }

        return point;
    }

    /// <summary>
    /// The C2SP tlog-tiles hash tile <paramref name="index"/> of <paramref name="level"/> with
    /// <paramref name="width"/> hashes (256 for a full tile): null when the latest checkpoint does
    /// not cover it, or its leaves were purged.
    /// </summary>
    public async Task<byte[]?> TileAsync(int level, long index, int width, CancellationToken cancellation)
    {
        if (level is < 0 or > 7 || index < 0 || width is < 1 or > TileWidth)
        {
            return null;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = Db(scope);
        if (await LatestAsync(db, cancellation) is not { } latest || !Covered(latest.Size, level, index, width))
        {
            return null;
        }

        var head = await HeadAsync(db, cancellation);
        if (level == 0 && index * TileWidth < head.PurgedBelow)
        {
            return null;
        }

        var entries = await LevelAsync(db, level, index * TileWidth, width, cancellation);
        var tile = new byte[width * MerkleTree.HashSize];
        for (var i = 0; i < width; i++)
        {
            entries[i].CopyTo(tile, i * MerkleTree.HashSize);
        }

        return tile;
    }

    /// <summary>
    /// The C2SP tlog-tiles entry bundle <paramref name="index"/> with <paramref name="width"/>
    /// entries: each a big-endian uint16 length and the entry; null when not covered or purged.
    /// </summary>
    public async Task<byte[]?> EntryBundleAsync(long index, int width, CancellationToken cancellation)
    {
        if (index < 0 || width is < 1 or > TileWidth)
        {
            return null;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = Db(scope);
        if (await LatestAsync(db, cancellation) is not { } latest || !Covered(latest.Size, 0, index, width)
            || index * TileWidth < (await HeadAsync(db, cancellation)).PurgedBelow)
        {
            return null;
        }

        var start = index * TileWidth;
        var records = await db.Disclosures.AsNoTracking().Where(d => d.Seq >= start && d.Seq < start + width).OrderBy(d => d.Seq).ToListAsync(cancellation);
        if (records.Count != width)
        {
            throw new InvalidOperationException("The disclosure log is missing records: run 'tiers audit verify'.");
        }

        using var bundle = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var record in records)
        {
            var entry = DisclosureEntries.Encode(record, _protector);
            BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)entry.Length));
            bundle.Write(length);
            bundle.Write(entry);
        }

        return bundle.ToArray();
    }

    /// <summary>The position (leaf index) of disclosure record <paramref name="recordId"/>, if it is in the log.</summary>
    public async Task<long?> PositionOfAsync(Guid recordId, CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await Db(scope).Disclosures.AsNoTracking().Where(d => d.Id == recordId).Select(d => (long?)d.Seq).SingleOrDefaultAsync(cancellation);
    }

    /// <summary>
    /// The inclusion proof (RFC 9162 audit path) of leaf <paramref name="index"/> in the tree of
    /// <paramref name="size"/> leaves, with the leaf's hash; null unless a signed checkpoint covers
    /// that size and the leaf is kept.
    /// </summary>
    public async Task<InclusionProof?> InclusionAsync(long index, long size, CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = Db(scope);
        if (index < 0 || index >= size || await LatestAsync(db, cancellation) is not { } latest || size > latest.Size
            || index < (await HeadAsync(db, cancellation)).PurgedBelow)
        {
            return null;
        }

        var source = Source(db, cancellation);
        var leaf = (await LevelAsync(db, 0, index, 1, cancellation))[0];
        return new InclusionProof(index, size, leaf, await MerkleTree.InclusionProofAsync(index, size, source));
    }

    /// <summary>The consistency proof between the trees of <paramref name="oldSize"/> and <paramref name="newSize"/> leaves; null unless a checkpoint covers the new size.</summary>
    public async Task<IReadOnlyList<byte[]>?> ConsistencyAsync(long oldSize, long newSize, CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = Db(scope);
        if (oldSize < 0 || oldSize > newSize || await LatestAsync(db, cancellation) is not { } latest || newSize > latest.Size)
        {
            return null;
        }

        return await MerkleTree.ConsistencyProofAsync(oldSize, newSize, Source(db, cancellation));
    }

    /// <summary>
    /// Moves the head by <paramref name="count"/> records in the caller's transaction and returns
    /// the new size. The update locks the head's row (PostgreSQL) or the database (SQLite) until
    /// the transaction ends, so the size read after it is this transaction's own.
    /// </summary>
    internal static async Task<long> AdvanceHeadAsync(TiersPayantDbContext db, int count, CancellationToken cancellation)
    {
        var moved = await db.AuditHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(h => h.SetProperty(x => x.Size, x => x.Size + count), cancellation);
        return moved == 1
            ? (await HeadAsync(db, cancellation)).Size
            : throw new InvalidOperationException("The disclosure log has no head: run 'tiers migrate'.");
    }

    internal static async Task<AuditHeadRecord> HeadAsync(TiersPayantDbContext db, CancellationToken cancellation) =>
        await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellation)
            ?? throw new InvalidOperationException("The disclosure log has no head: run 'tiers migrate'.");

    /// <summary>Stores the hashes of every full 256^L-leaf subtree below <paramref name="size"/> not stored yet.</summary>
    internal async Task CatchUpAsync(TiersPayantDbContext db, long size, CancellationToken cancellation)
    {
        const int TilesPerRead = 64;
        var below = size; // entries available on the level under the one being filled
        for (var level = 1; below >= TileWidth; level++)
        {
            var have = await db.AuditSubtrees.Where(s => s.Level == level).Select(s => (long?)s.Index).MaxAsync(cancellation) + 1 ?? 0;
            var full = below / TileWidth;
            for (var next = have; next < full; next += TilesPerRead)
            {
                var tiles = (int)Math.Min(TilesPerRead, full - next);
                var entries = await LevelAsync(db, level - 1, next * TileWidth, tiles * TileWidth, cancellation);
                for (var t = 0; t < tiles; t++)
                {
                    db.AuditSubtrees.Add(new AuditSubtreeRecord { Level = level, Index = next + t, Hash = Fold(entries, t * TileWidth, TileWidth) });
                }

                try
                {
                    await db.SaveChangesAsync(cancellation);
                }
                catch (DbUpdateException)
                {
                    // Another node stored them first: the same hashes.
                }

                db.ChangeTracker.Clear();
            }

            below = full;
        }
    }

    /// <summary>The root of the full subtree of <paramref name="count"/> (a power of two) consecutive entries from <paramref name="offset"/>.</summary>
    internal static byte[] Fold(IReadOnlyList<byte[]> entries, int offset, int count)
    {
        var level = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            level[i] = entries[offset + i];
        }

        for (var n = count; n > 1; n /= 2)
        {
            for (var i = 0; i < n / 2; i++)
            {
                level[i] = MerkleTree.NodeHash(level[2 * i], level[(2 * i) + 1]);
            }
        }

        return level[0];
    }

    /// <summary>The <paramref name="count"/> entries of <paramref name="level"/> from <paramref name="from"/>: leaf hashes at level 0, stored subtree hashes above.</summary>
    internal async Task<IReadOnlyList<byte[]>> LevelAsync(TiersPayantDbContext db, int level, long from, int count, CancellationToken cancellation)
    {
        List<byte[]> entries;
        if (level == 0)
        {
            var leaves = await db.Disclosures.AsNoTracking().Where(d => d.Seq >= from && d.Seq < from + count).OrderBy(d => d.Seq)
                .Select(d => new { d.Seq, d.LeafHash }).ToListAsync(cancellation);
            entries = new List<byte[]>(leaves.Count);
            foreach (var leaf in leaves)
            {
                if (leaf.Seq != from + entries.Count)
                {
                    break;
                }

                entries.Add(leaf.LeafHash ?? await RecomputeAsync(db, leaf.Seq, cancellation));
            }
        }
        else
        {
            entries = await db.AuditSubtrees.AsNoTracking().Where(s => s.Level == level && s.Index >= from && s.Index < from + count).OrderBy(s => s.Index)
                .Select(s => s.Hash).ToListAsync(cancellation);
        }

        return entries.Count == count
            ? entries
            : throw new InvalidOperationException("The disclosure log's tree is incomplete (records missing or not yet checkpointed): run 'tiers audit verify'.");
    }

    private async Task<byte[]> RecomputeAsync(TiersPayantDbContext db, long seq, CancellationToken cancellation)
    {
        var record = await db.Disclosures.AsNoTracking().SingleAsync(d => d.Seq == seq, cancellation);
        return MerkleTree.LeafHash(DisclosureEntries.Encode(record, _protector));
    }

    private static bool Covered(long size, int level, long index, int width)
    {
        var available = size >> (TileHeight * level);
        return (index * TileWidth) + width <= available;
    }

    internal SubtreeSource Source(TiersPayantDbContext db, CancellationToken cancellation) => async (start, height) =>
    {
        var level = height / TileHeight;
        var count = 1 << (height % TileHeight);
        var entries = await LevelAsync(db, level, start >> (TileHeight * level), count, cancellation);
        return Fold(entries, 0, count);
    };

    private static async Task<Checkpoint?> LatestAsync(TiersPayantDbContext db, CancellationToken cancellation) =>
        await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellation) is { } record ? Checkpoint.Of(record) : null;

    private static TiersPayantDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
}

/// <summary>A signed checkpoint: the tree of the first <paramref name="Size"/> records, its root, the C2SP signed note.</summary>
public sealed record Checkpoint(long Size, byte[] Root, string Note, DateTimeOffset SignedAt)
{
    internal static Checkpoint Of(AuditCheckpointRecord record) =>
        new(record.Size, record.Root, record.Note, new DateTimeOffset(DateTime.SpecifyKind(record.SignedAt, DateTimeKind.Utc)));
}

/// <summary>That leaf <paramref name="Index"/>, whose hash is <paramref name="LeafHash"/>, is in the tree of <paramref name="Size"/> leaves: the RFC 9162 audit path.</summary>
public sealed record InclusionProof(long Index, long Size, byte[] LeafHash, IReadOnlyList<byte[]> Path);
