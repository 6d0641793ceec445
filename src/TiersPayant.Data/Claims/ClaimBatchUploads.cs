using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Protection;

namespace TiersPayant.Data.Claims;

/// <summary>
/// Where an invoice file sent through the API waits for its job: it holds names and birth dates, so
/// it is only ever stored encrypted (the current key, each chunk bound to its job and place), read
/// back one chunk at a time by the node running the job, and deleted when the job is over. The
/// clear bytes live in memory only, a chunk at a time.
/// </summary>
public sealed class ClaimBatchUploads
{
    /// <summary>The size of a chunk of clear file (the last one may be shorter).</summary>
    public const int ChunkSize = 64 * 1024;

    private readonly FieldCipher _cipher;

    internal ClaimBatchUploads(FieldCipher cipher) => _cipher = cipher;

    /// <summary>Encrypts chunk <paramref name="index"/> of the job's file and adds it to <paramref name="db"/>; nothing is written until the caller saves.</summary>
    public void Add(TiersPayantDbContext db, Guid jobId, int index, ReadOnlySpan<byte> clear)
    {
        ArgumentNullException.ThrowIfNull(db);
        var blob = _cipher.Encrypt(clear, FieldBindings.BatchUpload(jobId, index));
        db.ClaimBatchUploadChunks.Add(new ClaimBatchUploadChunkRecord { JobId = jobId, Index = index, KeyId = FieldCipher.KeyIdOf(blob), ContentCipher = blob });
    }

    /// <summary>
    /// The job's file, decrypted a chunk at a time as it is read, through <paramref name="db"/>
    /// (which the stream uses alone until it is disposed).
    /// </summary>
    public Stream OpenRead(TiersPayantDbContext db, Guid jobId, int chunks) => new ChunkStream(db, _cipher, jobId, chunks);

    /// <summary>Deletes the job's file.</summary>
    public static Task<int> DeleteAsync(TiersPayantDbContext db, Guid jobId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ClaimBatchUploadChunks.Where(c => c.JobId == jobId).ExecuteDeleteAsync(cancellation);
    }

    private sealed class ChunkStream(TiersPayantDbContext db, FieldCipher cipher, Guid jobId, int chunks) : Stream
    {
        private byte[] _current = [];
        private int _offset;
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_offset == _current.Length)
            {
                if (_next == chunks)
                {
                    return 0;
                }

                Load(db.ClaimBatchUploadChunks.AsNoTracking().Where(c => c.JobId == jobId && c.Index == _next).Select(c => c.ContentCipher).SingleOrDefault());
            }

            var read = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsSpan(_offset, read).CopyTo(buffer);
            _offset += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset == _current.Length)
            {
                if (_next == chunks)
                {
                    return 0;
                }

                var index = _next;
                Load(await db.ClaimBatchUploadChunks.AsNoTracking().Where(c => c.JobId == jobId && c.Index == index).Select(c => c.ContentCipher).SingleOrDefaultAsync(cancellationToken));
            }

            var read = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsMemory(_offset, read).CopyTo(buffer);
            _offset += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Load(byte[]? blob)
        {
            var clear = blob is null
                ? throw new InvalidOperationException($"Chunk {_next} of the batch upload is missing.")
                : cipher.Decrypt(blob, FieldBindings.BatchUpload(jobId, _next));
            CryptographicOperations.ZeroMemory(_current);
            (_current, _offset) = (clear, 0);
            _next++;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            CryptographicOperations.ZeroMemory(_current);
            base.Dispose(disposing);
        }
    }
}
