using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Claims;
using TiersPayant.Members.Import;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// Takes an invoice file in for a background job: its header is checked at once (a wrong header
/// queues nothing), the file is stored encrypted chunk by chunk as it arrives, and the job and its
/// chunks are saved together or not at all. With an <c>Idempotency-Key</c>, the same key and the
/// same bytes give the existing job back; the same key with other bytes is a conflict.
/// </summary>
internal sealed class ClaimBatchJobs(TiersPayantDbContext db, ClaimBatchUploads uploads, TimeProvider time)
{
    public async Task<BatchSubmission> SubmitAsync(Stream body, Actor actor, string? key, long limit, CancellationToken cancellation)
    {
        var id = Guid.CreateVersion7();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ClaimBatchUploads.ChunkSize];
        var (length, chunks) = (0L, 0);
        try
        {
            while (true)
            {
                var read = await FillAsync(body, buffer, cancellation);
                if (chunks == 0 && HeaderErrors(buffer, read) is { Count: > 0 } header)
                {
                    return new BatchSubmission(null, false, header, false, false);
                }

                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    db.ChangeTracker.Clear();
                    return BatchSubmission.TooLarge;
                }

                hash.AppendData(buffer, 0, read);
                uploads.Add(db, id, chunks++, buffer.AsSpan(0, read));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        var digest = hash.GetHashAndReset();
        if (key is not null && await ExistingAsync(actor.PracticeId, key, digest, cancellation) is { } existing)
        {
            db.ChangeTracker.Clear();
            return existing;
        }

        var job = new ClaimBatchJobRecord
        {
            Id = id, PracticeId = actor.PracticeId, ClientId = actor.ClientId!, SourceAddress = actor.SourceAddress, IdempotencyKey = key,
            RequestHash = digest, UploadLength = length, UploadChunks = chunks, Status = ClaimBatchJobStatuses.Queued, Errors = string.Empty,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ClaimBatchJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Another request with the same key won the race: its job, or a conflict.
            db.ChangeTracker.Clear();
            return await ExistingAsync(actor.PracticeId, key, digest, cancellation) ?? throw new InvalidOperationException("The batch job could not be saved.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return new BatchSubmission(job, true, [], false, false);
    }

    /// <summary>The job, if <paramref name="practiceId"/> sent it.</summary>
    public Task<ClaimBatchJobRecord?> FindAsync(Guid practiceId, Guid id, CancellationToken cancellation) =>
        db.ClaimBatchJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.PracticeId == practiceId, cancellation);

    private async Task<BatchSubmission?> ExistingAsync(Guid practiceId, string key, byte[] digest, CancellationToken cancellation)
    {
        var job = await db.ClaimBatchJobs.AsNoTracking().SingleOrDefaultAsync(j => j.PracticeId == practiceId && j.IdempotencyKey == key, cancellation);
        return job is null ? null
            : CryptographicOperations.FixedTimeEquals(job.RequestHash, digest) ? new BatchSubmission(job, false, [], false, false)
            : new BatchSubmission(null, false, [], true, false);
    }

    /// <summary>The header's errors, read from the first chunk (a header longer than a chunk is not one).</summary>
    private static IReadOnlyList<ImportError> HeaderErrors(byte[] first, int count)
    {
        using var reader = new ClaimBatchReader(new MemoryStream(first, 0, count, writable: false));
        return reader.ReadHeader();
    }

    private static async Task<int> FillAsync(Stream body, byte[] buffer, CancellationToken cancellation)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellation)) > 0)
        {
            filled += read;
        }

        return filled;
    }
}

/// <summary>What became of a file sent: a job (new or the one its key already gave), a wrong header, a key reused with another file, or too large.</summary>
internal sealed record BatchSubmission(ClaimBatchJobRecord? Job, bool Created, IReadOnlyList<ImportError> HeaderErrors, bool KeyConflict, bool IsTooLarge)
{
    public static BatchSubmission TooLarge { get; } = new(null, false, [], false, true);
}
