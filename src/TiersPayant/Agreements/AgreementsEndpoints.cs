using Microsoft.AspNetCore.Http.HttpResults;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Problems;
using TiersPayant.Web.Requests;

namespace TiersPayant.Agreements;

/// <summary><c>POST /api/v1/agreements</c> and <c>GET /api/v1/agreements/{number}</c>: prior agreements for a practice's software.</summary>
internal static class AgreementsEndpoints
{
    /// <summary>The path on the <see cref="Web.ApiVersion1"/> group.</summary>
    public const string Path = "/agreements";

    /// <summary>The full path.</summary>
    public const string Route = Web.ApiVersion1.Prefix + Path;

    public static IEndpointRouteBuilder MapAgreements(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, PostAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Agreements))
            .WithName("RequestAgreement")
            .WithTags("Agreements")
            .WithSummary("Asks for a prior agreement on an optics, audiology or dental quote")
            .WithDescription("The card and person as presented (as for the rights check), the care date, the domain, the quote's lines "
                + "(code, quantity, unitPriceCents, class A/B or I/II, side right/left), the prescription and the attached documents. "
                + "201 with the agreement: status accepted, partial, refused or pending, per-line and total amounts (total, AMO, AMC, patient), "
                + "stable reason codes, and validUntil. A line refused with renewal-period-not-elapsed carries renewableFrom, the first day "
                + "(YYYY-MM-DD) the same component (frame, lens of that eye, aid of that ear) may be renewed. "
                + "documents declares what is attached (prescription, quote, audiogram, radiograph): a required one not declared leaves the request pending "
                + "with missing-document; files themselves are uploaded on the portal's request form. "
                + "422 no-match when the card and person match nobody (never which field).")
            .ProducesValidationProblem()
            .WithBodyLimit(BodyLimits.QuoteOrInvoice)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Agreements)
            .DisclosesPersonalData("agreement");
        endpoints.MapGet(Path + "/{number}", GetAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Agreements))
            .WithName("GetAgreement")
            .WithTags("Agreements")
            .WithSummary("The current state of one of the practice's agreements")
            .WithDescription("404 for a number this practice did not ask for, whether it exists or not.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Agreements)
            .DisclosesPersonalData("agreement");
        return endpoints;
    }

    private static async Task<Results<Created<AgreementAnswer>, ValidationProblem, ProblemHttpResult>> PostAsync(
        AgreementBody body, HttpContext context, Actors actors, AgreementRequests agreements, CancellationToken cancellation)
    {
        if (await actors.OfAsync(context, Channels.Api, cancellation) is not { } actor)
        {
            return GuardProblems.NoActor();
        }

        var outcome = await agreements.RequestAsync(actor, body, cancellation);
        return outcome switch
        {
            { Errors: { } errors } => TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation, title: "The request has invalid fields."),
            { Refusal: { } refusal } => GuardProblems.Refused(context, refusal),
            { NotFound: true } => GuardProblems.NoMatch(),
            _ => TypedResults.Created($"{Route}/{outcome.Answer!.AgreementNumber}", outcome.Answer),
        };
    }

    private static async Task<Results<Ok<AgreementAnswer>, ProblemHttpResult>> GetAsync(
        string number, HttpContext context, Actors actors, AgreementRequests agreements, CancellationToken cancellation)
    {
        if (await actors.OfAsync(context, Channels.Api, cancellation) is not { } actor)
        {
            return GuardProblems.NoActor();
        }

        var outcome = number.Length > 20 ? AgreementOutcome.NoMatch : await agreements.ReadAsync(actor, number, cancellation);
        return outcome switch
        {
            { Refusal: { } refusal } => GuardProblems.Refused(context, refusal),
            { Answer: { } answer } => TypedResults.Ok(answer),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "Not found",
                detail: "This practice has no agreement with this number."),
        };
    }
}
