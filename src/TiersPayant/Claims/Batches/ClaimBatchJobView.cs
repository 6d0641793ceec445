using TiersPayant.Data.Claims;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// An invoice file's job as <c>GET /api/v1/claim-batches/{id}</c> shows it: its status, what it
/// read and decided so far, when it was sent, started and finished, and the faulty fields as
/// <c>line N: field: reason</c>, never a value.
/// </summary>
/// <param name="Id">The job's identifier.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="Lines">Lines of the file read and decided so far.</param>
/// <param name="Invoices">Invoices read and decided so far.</param>
/// <param name="Accepted">Invoices accepted.</param>
/// <param name="Rejected">Invoices rejected by the rules (or cancelled since).</param>
/// <param name="NotAdjudicated">Invoices not adjudicated: invalid, refused by the guard, or a reference reused with other lines.</param>
/// <param name="AlreadyImported">Invoices an earlier file or request already created: answered, not created again.</param>
/// <param name="CreatedAt">When the file was received (UTC).</param>
/// <param name="StartedAt">When a node first started it (UTC).</param>
/// <param name="FinishedAt">When it was done or failed (UTC).</param>
/// <param name="Errors">The faulty fields, <c>line N: field: reason</c>, in file order (the first <see cref="ClaimBatchJobRunner.MaxErrorLines"/>).</param>
/// <param name="ErrorCount">How many faulty fields in all.</param>
/// <param name="Failure">Why a failed job failed.</param>
/// <param name="Results">Where the result file is, once done.</param>
internal sealed record ClaimBatchJobView(
    Guid Id, string Status, long Lines, long Invoices, long Accepted, long Rejected, long NotAdjudicated, long AlreadyImported,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, IReadOnlyList<string> Errors, long ErrorCount, string? Failure, string? Results)
{
    public static ClaimBatchJobView Of(ClaimBatchJobRecord job) => new(
        job.Id, job.Status, job.Lines, job.Invoices, job.Accepted, job.Rejected, job.NotAdjudicated, job.AlreadyImported,
        Utc(job.CreatedAt), job.StartedAt is { } started ? Utc(started) : null, job.FinishedAt is { } finished ? Utc(finished) : null,
        job.Errors.Length == 0 ? [] : job.Errors.Split('\n'), job.ErrorCount, job.Failure,
        job.Status == ClaimBatchJobStatuses.Done ? ClaimBatchJobsEndpoints.Route + "/" + job.Id + "/results" : null);

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
