using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Problems;
using TiersPayant.Web.Requests;

namespace TiersPayant.Claims;

/// <summary><c>POST /api/v1/claims</c>, <c>GET /api/v1/claims/{claimId}</c>, <c>POST /api/v1/claims/{claimId}/cancel</c>.</summary>
internal static class ClaimsEndpoints
{
    /// <summary>The path on the <see cref="Web.ApiVersion1"/> group.</summary>
    public const string Path = "/claims";

    /// <summary>The full path.</summary>
    public const string Route = Web.ApiVersion1.Prefix + Path;

    public static IEndpointRouteBuilder MapClaims(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, PostAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("SubmitClaim")
            .WithTags("Claims")
            .WithSummary("Sends an invoice")
            .WithDescription("Header Idempotency-Key required (1 to 100 characters). With agreementNumber: invoices that prior agreement "
                + "(within its validity, lines and amounts within what was agreed, once). Without: a direct claim with card, beneficiary and domain. "
                + "201 with status accepted or rejected, amounts and reason codes. The same key with the same body returns the same answer and "
                + "creates one claim; the same key with another body is 409.")
            .Accepts<ClaimBody>("application/json")
            .Produces<ClaimAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithBodyLimit(BodyLimits.QuoteOrInvoice)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .DisclosesPersonalData("claim");
        endpoints.MapGet(Path + "/{claimId}", GetAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("GetClaim")
            .WithTags("Claims")
            .WithSummary("One of the practice's claims")
            .WithDescription("The claim as it stands now (accepted, rejected or cancelled), with its amounts and reason codes. 404 for a claim of another practice.")
            .Produces<ClaimAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .DisclosesPersonalData("claim");
        endpoints.MapPost(Path + "/{claimId}/cancel", CancelAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("CancelClaim")
            .WithTags("Claims")
            .WithSummary("Cancels an accepted claim")
            .WithDescription("Its acceptance is reversed in the ledger; a claim already paid is recovered from the practice's next payment. 409 when the claim was not accepted (rejected, or already cancelled).")
            .Produces<ClaimAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .DisclosesPersonalData("claim");
        return endpoints;
    }

    private static async Task<IResult> PostAsync(
        HttpContext context, Actors actors, ClaimSubmissions claims, IOptions<JsonOptions> json, CancellationToken cancellation)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString().Trim();
        if (key.Length is 0 or > ClaimSubmissions.MaxKeyLength)
        {
            return Invalid("Idempotency-Key", "required header: 1 to 100 characters, one per invoice");
        }

        // Read here rather than bound: the idempotency key is tied to these exact bytes.
        if (await BoundedBody.ReadAsync(context, cancellation) is not { } raw)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: ProblemTypes.TooLarge, title: "Request body too large",
                detail: $"At most {BodyLimits.QuoteOrInvoice / 1024} KiB.");
        }

        ClaimBody? body;
        try
        {
            body = JsonSerializer.Deserialize<ClaimBody>(raw, json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            var (field, message) = JsonFieldError.Describe(e, typeof(ClaimBody), json.Value.SerializerOptions);
            return Invalid(field, message);
        }

        if (body is null)
        {
            return Invalid("body", "required");
        }

        if (await actors.OfAsync(context, Channels.Api, cancellation) is not { } actor)
        {
            return GuardProblems.NoActor();
        }

        var outcome = await claims.SubmitAsync(actor, key, raw, body, cancellation);
        return Result(context, outcome, created: true);
    }

    private static async Task<IResult> GetAsync(string claimId, HttpContext context, Actors actors, ClaimSubmissions claims, CancellationToken cancellation) =>
        await actors.OfAsync(context, Channels.Api, cancellation) is not { } actor
            ? GuardProblems.NoActor()
            : Result(context, claimId.Length > 20 ? ClaimOutcome.NotFound : await claims.ReadAsync(actor, claimId, cancellation), created: false);

    private static async Task<IResult> CancelAsync(string claimId, HttpContext context, Actors actors, ClaimSubmissions claims, CancellationToken cancellation) =>
        await actors.OfAsync(context, Channels.Api, cancellation) is not { } actor
            ? GuardProblems.NoActor()
            : Result(context, claimId.Length > 20 ? ClaimOutcome.NotFound : await claims.CancelAsync(actor, claimId, cancellation), created: false);

    private static IResult Result(HttpContext context, ClaimOutcome outcome, bool created) => outcome switch
    {
        { Errors: { } errors } => TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation, title: "The request has invalid fields."),
        { Refusal: { } refusal } => GuardProblems.Refused(context, refusal),
        { ConflictReason: { } reason } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: "Conflict",
            detail: reason == "idempotency-key-reused" ? "This Idempotency-Key was used with another body." : "This claim cannot be cancelled.",
            extensions: new Dictionary<string, object?> { ["reason"] = reason }),
        { NotFoundResult: true } => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "Not found",
            detail: "This practice has no claim with this identifier."),
        _ when created => TypedResults.Created($"{Route}/{outcome.Answer!.ClaimId}", outcome.Answer),
        _ => TypedResults.Ok(outcome.Answer),
    };

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, type: ProblemTypes.Validation, title: "The request has invalid fields.");
}
