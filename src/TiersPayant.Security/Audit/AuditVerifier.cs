using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Protection;
using TiersPayant.Domain.Audit;

namespace TiersPayant.Security.Audit;

/// <summary>
/// <c>tiers audit verify</c>: rebuilds the Merkle tree from the stored records, in order, in
/// constant memory, and checks at each position what was stored or signed about it: the record
/// is at its place (none missing, none extra), its columns still give the leaf hash written when
/// it was appended, each stored subtree hash is the hash of the records below it, and each stored
/// checkpoint carries a good signature by the log's key and the root of exactly the records before
/// it. Every checkpoint's root being recomputed from the one sequence of records, each one is
/// consistent with the next. Stops at the first problem, by position.
/// </summary>
public sealed class AuditVerifier
{
    private readonly IServiceScopeFactory _scopes;
    private readonly BeneficiaryProtector _protector;
    private readonly CheckpointSigner _signer;
    private readonly MerkleLog _log;

    internal AuditVerifier(IServiceScopeFactory scopes, BeneficiaryProtector protector, CheckpointSigner signer, MerkleLog log) =>
        (_scopes, _protector, _signer, _log) = (scopes, protector, signer, log);

    /// <summary>Walks the whole log; <paramref name="progress"/> hears the records checked so far.</summary>
    public async Task<AuditVerification> VerifyAsync(IProgress<long>? progress, CancellationToken cancellation)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var head = await MerkleLog.HeadAsync(db, cancellation);
        var checkpoints = await db.AuditCheckpoints.OrderBy(c => c.Size).ToListAsync(cancellation);
        var subtrees = (await db.AuditSubtrees.ToListAsync(cancellation)).ToDictionary(s => (s.Level, s.Index), s => s.Hash);
        var verifier = _signer.VerifierKey;

        MerkleFrontier frontier;
        try
        {
            frontier = head.PurgedBelow == 0 ? new MerkleFrontier() : await PurgedPrefixAsync(db, head.PurgedBelow, cancellation);
        }
        catch (InvalidOperationException)
        {
            return Broken(head.PurgedBelow, $"the tree's hashes of the {head.PurgedBelow} purged records are missing");
        }

        var next = 0;
        while (next < checkpoints.Count && checkpoints[next].Size < head.PurgedBelow)
        {
            next++; // below the purge point; the purge removes them
        }

        string? problem = null;
        string? Checkpoints()
        {
            for (; next < checkpoints.Count && checkpoints[next].Size == frontier.Size; next++)
            {
                var c = checkpoints[next];
                var text = SignedNotes.Verify(c.Note, verifier);
                if (text is null)
                {
                    return ($"checkpoint at size {c.Size}: its signature does not verify with the log's key");
                }

                if (!SignedNotes.TryParseCheckpoint(text, out var origin, out var size, out var root) || origin != _signer.Origin || size != c.Size || !root.AsSpan().SequenceEqual(c.Root))
                {
                    return ($"checkpoint at size {c.Size}: its note does not say this origin, size and root");
                }

                if (!frontier.Root().AsSpan().SequenceEqual(c.Root))
                {
                    return ($"checkpoint at size {c.Size}: its root is not the root of the first {c.Size} records");
                }
            }

            return null;
        }

        void Completed(long start, int height, byte[] hash)
        {
            if (problem is null && height % 8 == 0 && subtrees.TryGetValue((height / 8, start >> height), out var stored) && !stored.AsSpan().SequenceEqual(hash))
            {
                problem = ($"records {start} to {start + (1L << height) - 1}: they do not give the stored tree's hash (level {height / 8}, index {start >> height})");
            }
        }

        var expected = head.PurgedBelow;
        var hashed = false;
        await foreach (var record in db.Disclosures.Where(d => d.Seq >= head.PurgedBelow).OrderBy(d => d.Seq).AsAsyncEnumerable().WithCancellation(cancellation))
        {
            if ((problem = Checkpoints()) is not null)
            {
                return Broken(frontier.Size, problem);
            }

            if (record.Seq != expected)
            {
                return Broken(expected, (record.Seq >= head.Size && expected >= head.Size
                    ? $"record {record.Seq} (id {record.Id}): it is beyond the log's head ({head.Size} records), written outside the log"
                    : $"record {expected}: it is missing (the next stored record is at {record.Seq})"));
            }

            if (record.Seq >= head.Size)
            {
                return Broken(expected, ($"record {record.Seq} (id {record.Id}): it is beyond the log's head ({head.Size} records), written outside the log"));
            }

            var leaf = MerkleTree.LeafHash(DisclosureEntries.Encode(record, _protector));
            if (record.LeafHash is null && hashed)
            {
                // Only records older than the Merkle log lack a leaf hash, and they all come first.
                return Broken(expected, $"record {record.Seq} (id {record.Id}): it has no leaf hash, yet records before it have one: the log did not write it");
            }

            hashed |= record.LeafHash is not null;
            if (record.LeafHash is { } written && !written.AsSpan().SequenceEqual(leaf))
            {
                return Broken(expected, ($"record {record.Seq} (id {record.Id}): its columns do not give the leaf hash written when it was appended"));
            }

            frontier.Append(leaf, Completed);
            if (problem is not null)
            {
                return Broken(expected, problem);
            }

            expected++;
            if (expected % 65536 == 0)
            {
                progress?.Report(expected);
            }
        }

        if ((problem = Checkpoints()) is not null)
        {
            return Broken(frontier.Size, problem);
        }

        if (expected < head.Size)
        {
            return Broken(expected, ($"record {expected}: it is missing (the log's head says {head.Size} records)"));
        }

        if (next < checkpoints.Count)
        {
            return Broken(checkpoints[next].Size, ($"checkpoint at size {checkpoints[next].Size}: the log has only {head.Size} records"));
        }

        progress?.Report(expected);
        return new AuditVerification(true, expected, checkpoints.Count - checkpoints.Count(c => c.Size < head.PurgedBelow), head.PurgedBelow, null, null);
    }

    private async Task<MerkleFrontier> PurgedPrefixAsync(TiersPayantDbContext db, long purged, CancellationToken cancellation)
    {
        var source = _log.Source(db, cancellation);
        var hashes = new List<byte[]>();
        var start = 0L;
        for (var height = 62; height >= 0; height--)
        {
            if ((purged & (1L << height)) != 0)
            {
                hashes.Add(await source(start, height));
                start += 1L << height;
            }
        }

        return MerkleFrontier.FromSubtrees(purged, hashes);
    }

    private static AuditVerification Broken(long position, string problem) =>
        new(false, position, 0, 0, position, problem);
}

/// <summary>
/// What <see cref="AuditVerifier"/> found: intact with <paramref name="Entries"/> records checked
/// and <paramref name="Checkpoints"/> checkpoints, or the first <paramref name="Problem"/> at
/// <paramref name="Position"/>.
/// </summary>
public sealed record AuditVerification(bool Intact, long Entries, int Checkpoints, long PurgedBelow, long? Position, string? Problem)
{
    /// <summary>The line <c>tiers audit verify</c> prints.</summary>
    public override string ToString() => Intact
        ? string.Create(CultureInfo.InvariantCulture, $"intact: {Entries} entries")
        : $"broken: {Problem}";
}
