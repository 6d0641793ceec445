using Microsoft.AspNetCore.Http.HttpResults;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Localization;
using TiersPayant.Web.Problems;
using TiersPayant.Web.Requests;

namespace TiersPayant.Eligibility;

/// <summary><c>POST /api/v1/eligibility</c>: the rights check for a practice's software.</summary>
internal static class EligibilityEndpoint
{
    /// <summary>The path on the <see cref="Web.ApiVersion1"/> group.</summary>
    public const string Path = "/eligibility";

    /// <summary>The full path.</summary>
    public const string Route = Web.ApiVersion1.Prefix + Path;

    public static RouteHandlerBuilder MapEligibility(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, PostAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Eligibility))
            .WithName("CheckEligibility")
            .WithTags("Eligibility")
            .WithSummary("Checks a patient's complementary rights from their card")
            .WithDescription("Proof of possession: the card (insurer, membership number) and the person (names, birth date, birth rank for twins) "
                + "as presented. Exact match after normalisation (case, accents, separators). Answers the coverage per domain on the care date; "
                + "'no-match' is the single answer for every mismatch and never says which field was wrong. Never returns the NIR or identity fields.")
            .ProducesValidationProblem()
            .WithBodyLimit(BodyLimits.Eligibility)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Eligibility)
            .DisclosesPersonalData("eligibility");

    private static async Task<Results<Ok<EligibilityAnswer>, ValidationProblem, ProblemHttpResult>> PostAsync(
        EligibilityRequest request, HttpContext context, Actors actors, EligibilityCheck check, TimeProvider time, CancellationToken cancellation)
    {
        var (query, errors) = EligibilityValidator.Validate(request, ParisTime.Today(time));
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation, title: "The request has invalid fields.");
        }

        if (await actors.OfAsync(context, Channels.Api, cancellation) is not { } actor)
        {
            return GuardProblems.NoActor();
        }

        var outcome = await check.CheckAsync(actor, query, cancellation);
        return outcome.Answer is { } answer ? TypedResults.Ok(answer) : GuardProblems.Refused(context, outcome.Refusal!);
    }
}
