using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Data.Claims;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Problems;
using TiersPayant.Web.Requests;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// <c>POST /api/v1/claim-batches</c>, <c>GET /api/v1/claim-batches/{id}</c>,
/// <c>GET /api/v1/claim-batches/{id}/results</c>: the invoice file of <c>tiers import claims</c>,
/// sent by a practice's software and adjudicated in the background (<see cref="ClaimBatchJobRunner"/>).
/// </summary>
internal static class ClaimBatchJobsEndpoints
{
    /// <summary>
    /// The path on the <see cref="Web.ApiVersion1"/> group. Not <c>/claims/batches</c>: its
    /// <c>/claims/batches/{id}</c> would be ambiguous with <c>/claims/{claimId}/cancel</c> (both match
    /// <c>/claims/batches/cancel</c>), which the OpenAPI document must not be.
    /// </summary>
    public const string Path = "/claim-batches";

    /// <summary>The full path.</summary>
    public const string Route = Web.ApiVersion1.Prefix + Path;

    private const string Csv = "text/csv";

    public static IEndpointRouteBuilder MapClaimBatches(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, PostAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("SubmitClaimBatch")
            .WithTags("Claims")
            .WithSummary("Sends an invoice file")
            .WithDescription("The body is the invoice file of `tiers import claims` (text/csv, UTF-8, ';' or ',' separated, one row per invoice line, "
                + $"invoice_ref the idempotency key of each invoice), at most {BodyLimits.InvoiceFile / (1024 * 1024)} MiB. The header is checked at once: "
                + "a wrong one is 400 naming the columns and nothing is queued. Otherwise 202 with the job (status queued) and its Location; a node "
                + "adjudicates it in the background with the answers POST /api/v1/claims would give each invoice (decided by chunks of up to 256). Optional header Idempotency-Key (1 to 100 characters): "
                + "the same key with the same file returns the existing job; with another file, 409. Sending a file again creates no invoice twice.")
            .Accepts<string>(Csv)
            .Produces<ClaimBatchJobView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .WithBodyLimit(BodyLimits.InvoiceFile)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .NoPersonalData();
        endpoints.MapGet(Path + "/{id}", GetAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("GetClaimBatch")
            .WithTags("Claims")
            .WithSummary("One of the practice's invoice files")
            .WithDescription("Its status (queued, running, done, failed), the lines and invoices decided so far, the counts (accepted, rejected, "
                + "not adjudicated, already imported), when it was received, started and finished, and the faulty fields as 'line N: field: reason' "
                + "(never a value). 404 for a file of another practice.")
            .Produces<ClaimBatchJobView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .NoPersonalData();
        endpoints.MapGet(Path + "/{id}/results", ResultsAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("GetClaimBatchResults")
            .WithTags("Claims")
            .WithSummary("The result file of an invoice file")
            .WithDescription("Once the job is done: one row per invoice, ';' separated, in file order: "
                + "line;invoice_ref;claim_id;status;replayed;total_cents;amo_cents;amc_cents;patient_cents;reasons (the file `import claims --results` writes; "
                + "never a name, a birth date or a membership number). 409 while the job is queued or running, or when it failed; 404 for a file of another practice.")
            .Produces<string>(StatusCodes.Status200OK, Csv)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .NoPersonalData();
        return endpoints;
    }

    private static async Task<IResult> PostAsync(HttpContext context, Actors actors, ClaimBatchJobs jobs, CancellationToken cancellation)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, type: ProblemTypes.BadRequest, title: "Unsupported media type",
                detail: "Send the invoice file as text/csv (UTF-8).", extensions: new Dictionary<string, object?> { ["field"] = "Content-Type" });
        }

        string? key = null;
        if (context.Request.Headers.ContainsKey("Idempotency-Key"))
        {
            key = context.Request.Headers["Idempotency-Key"].ToString().Trim();
            if (key.Length is 0 or > ClaimSubmissions.MaxKeyLength)
            {
                return Invalid("Idempotency-Key", "optional header: 1 to 100 characters, one per file");
            }
        }

        var limit = BodyLimits.Of(context);
        if (context.Request.ContentLength > limit)
        {
            return TooLarge();
        }

        if (await actors.OfAsync(context, Channels.Batch, cancellation) is not { Kind: ActorKinds.Client } actor)
        {
            return GuardProblems.NoActor();
        }

        BatchSubmission submission;
        try
        {
            submission = await jobs.SubmitAsync(context.Request.Body, actor, key, limit, cancellation);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        return submission switch
        {
            { IsTooLarge: true } => TooLarge(),
            { HeaderErrors.Count: > 0 } header => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["header"] = [.. header.HeaderErrors.Select(e => e.ToString())] }, type: ProblemTypes.Validation,
                title: "The file's header is not the invoice file's.", detail: "Nothing was queued."),
            { KeyConflict: true } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: "Conflict",
                detail: "This Idempotency-Key was used with another file.", extensions: new Dictionary<string, object?> { ["reason"] = "idempotency-key-reused" }),
            _ => TypedResults.Accepted($"{Route}/{submission.Job!.Id}", ClaimBatchJobView.Of(submission.Job)),
        };
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, Actors actors, ClaimBatchJobs jobs, CancellationToken cancellation) =>
        await actors.OfAsync(context, Channels.Batch, cancellation) is not { } actor ? GuardProblems.NoActor()
        : await FindAsync(jobs, actor, id, cancellation) is { } job ? TypedResults.Ok(ClaimBatchJobView.Of(job))
        : NotFound();

    private static async Task<IResult> ResultsAsync(string id, HttpContext context, Actors actors, ClaimBatchJobs jobs, CancellationToken cancellation)
    {
        if (await actors.OfAsync(context, Channels.Batch, cancellation) is not { } actor)
        {
            return GuardProblems.NoActor();
        }

        return await FindAsync(jobs, actor, id, cancellation) switch
        {
            null => NotFound(),
            { Status: ClaimBatchJobStatuses.Done, Results: { } results } => TypedResults.Bytes(results, Csv + "; charset=utf-8"),
            var job => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: "Conflict",
                detail: job.Status == ClaimBatchJobStatuses.Failed ? "The job failed: it has no result file; send the file again." : "The job is not done yet: ask again later.",
                extensions: new Dictionary<string, object?> { ["status"] = job.Status }),
        };
    }

    private static async Task<ClaimBatchJobRecord?> FindAsync(ClaimBatchJobs jobs, Actor actor, string id, CancellationToken cancellation) =>
        Guid.TryParse(id, out var parsed) ? await jobs.FindAsync(actor.PracticeId, parsed, cancellation) : null;

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "Not found",
        detail: "This practice sent no invoice file with this identifier.");

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: ProblemTypes.TooLarge,
        title: "Request body too large", detail: $"An invoice file is at most {BodyLimits.InvoiceFile / (1024 * 1024)} MiB: split it.");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, type: ProblemTypes.Validation, title: "The request has invalid fields.");
}
