namespace TiersPayant.Data.Claims;

/// <summary>
/// A practice's invoice file sent through the API (<c>POST /api/v1/claim-batches</c>), adjudicated
/// in the background by whichever node claims it: its status, the node holding it and until when
/// (a lease renewed while it runs), its counts so far, the faulty fields as <c>line N: field:
/// reason</c> (never a value) and, once done, the per-invoice result file. The uploaded file itself
/// is never here: it is stored encrypted, in chunks, apart (<see cref="ClaimBatchUploads"/>), and
/// deleted once the job is over.
/// </summary>
public sealed class ClaimBatchJobRecord
{
    public Guid Id { get; set; }

    public Guid PracticeId { get; set; }

    /// <summary>The API client that sent the file: the job acts on its behalf, and only its practice sees the job.</summary>
    public required string ClientId { get; set; }

    /// <summary>The address the file came from, for the guard and the disclosure log.</summary>
    public required string SourceAddress { get; set; }

    /// <summary>The optional <c>Idempotency-Key</c>: the same key and the same file give this job back.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the file as sent.</summary>
    public required byte[] RequestHash { get; set; }

    /// <summary>The file's size in bytes.</summary>
    public long UploadLength { get; set; }

    /// <summary>How many encrypted chunks hold the file (none once the job is over).</summary>
    public int UploadChunks { get; set; }

    /// <summary>One of <see cref="ClaimBatchJobStatuses"/>.</summary>
    public required string Status { get; set; }

    /// <summary>The node running the job, while it runs.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when the running node holds it: past this, another node takes the job up.</summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>How many times a node started the job (more than one: taken up after a node stopped).</summary>
    public int Attempts { get; set; }

    public long Lines { get; set; }

    public long Invoices { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    /// <summary>Invoices not adjudicated: invalid, refused by the guard, or a reference reused with other lines.</summary>
    public long NotAdjudicated { get; set; }

    /// <summary>Invoices an earlier file (or the API) already created: answered, not created again.</summary>
    public long AlreadyImported { get; set; }

    /// <summary>The first faulty fields, one per line as <c>line N: field: reason</c>; never a value.</summary>
    public required string Errors { get; set; }

    /// <summary>How many faulty fields in all (<see cref="Errors"/> keeps the first ones).</summary>
    public long ErrorCount { get; set; }

    /// <summary>Why a failed job failed, in words that name no value.</summary>
    public string? Failure { get; set; }

    /// <summary>The per-invoice result file (CSV, no names), once done.</summary>
    public byte[]? Results { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}

/// <summary>Values of <see cref="ClaimBatchJobRecord.Status"/>.</summary>
public static class ClaimBatchJobStatuses
{
    /// <summary>Waiting for a node.</summary>
    public const string Queued = "queued";

    /// <summary>A node holds it (until its lease expires).</summary>
    public const string Running = "running";

    /// <summary>Every invoice has its result.</summary>
    public const string Done = "done";

    /// <summary>Stopped for good; the file was deleted and can be sent again.</summary>
    public const string Failed = "failed";
}
