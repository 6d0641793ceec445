using Hl7.Fhir.Model;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Eligibility;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Localization;
using TiersPayant.Web.Requests;

namespace TiersPayant.Fhir;

/// <summary><c>POST /fhir/r4/CoverageEligibilityRequest</c>: the rights check of the REST API, in FHIR.</summary>
internal static class EligibilityFhirEndpoint
{
    public static RouteHandlerBuilder MapFhirEligibility(this IEndpointRouteBuilder fhir) =>
        fhir.MapPost("/CoverageEligibilityRequest", PostAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Eligibility))
            .WithName("FhirCheckEligibility")
            .WithSummary("Checks a patient's complementary rights (FHIR R4 CoverageEligibilityRequest)")
            .WithDescription("A CoverageEligibilityRequest with a contained Patient and Coverage; answers a CoverageEligibilityResponse with the "
                + "coverage per domain, or outcome 'error' with the single code 'no-match'. Never returns the NIR or identity.")
            .Accepts<object>(FhirIo.MediaType)
            .FhirExchange("CoverageEligibilityRequest", "CoverageEligibilityResponse",
                "A CoverageEligibilityResponse: coverage per domain, or outcome 'error' with the single code 'no-match'.")
            .WithBodyLimit(BodyLimits.FhirEligibility, FhirIo.MediaType)
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status415UnsupportedMediaType)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Eligibility)
            .DisclosesPersonalData("eligibility");

    private static async Task<IResult> PostAsync(HttpContext context, Actors actors, EligibilityCheck check, TimeProvider time, CancellationToken cancellation)
    {
        var (request, _, error) = await FhirIo.ReadAsync<CoverageEligibilityRequest>(context, cancellation);
        if (request is null)
        {
            return error!;
        }

        var (query, errors) = EligibilityValidator.Validate(EligibilityMapping.Request(request), ParisTime.Today(time));
        if (query is null)
        {
            return FhirOutcomes.Invalid(errors, EligibilityMapping.Path);
        }

        if (await actors.OfAsync(context, Channels.Fhir, cancellation) is not { } actor)
        {
            return FhirOutcomes.NoActor();
        }

        var outcome = await check.CheckAsync(actor, query, cancellation);
        return outcome.Answer is { } answer
            ? FhirIo.Write(EligibilityMapping.Response(request, answer, time.GetUtcNow()))
            : FhirOutcomes.Refused(context, outcome.Refusal!);
    }
}
