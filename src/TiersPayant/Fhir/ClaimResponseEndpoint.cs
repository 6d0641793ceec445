using Hl7.Fhir.Model;
using OpenIddict.Abstractions;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Claims;
using TiersPayant.Guard;
using TiersPayant.Payments;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;

namespace TiersPayant.Fhir;

/// <summary>
/// <c>GET /fhir/r4/ClaimResponse/{id}</c>: one of the practice's invoices (its <c>FAC-…</c>
/// number) as it stands now, with <c>payment</c> once paid. Read through the guard like the REST
/// API's <c>GET /api/v1/claims/{claimId}</c>: the amounts are care data about its patient.
/// </summary>
internal static class ClaimResponseEndpoint
{
    public static RouteHandlerBuilder MapFhirClaimResponse(this IEndpointRouteBuilder fhir) =>
        fhir.MapGet("/ClaimResponse/{id}", GetAsync)
            .RequireAuthorization(ApiClientPolicies.PracticeSoftware)
            .WithName("FhirReadClaimResponse")
            .WithSummary("An invoice's current ClaimResponse, with its payment once paid (FHIR R4 read)")
            .WithDescription("id is the claimId (FAC-…) of one of the practice's invoices. payment: type complete, date (the transfer's execution), "
                + "amount, identifier (system urn:tierspayant:fhir:payment: the remittance statement's paymentId). Needs the 'claims' scope; 404 OperationOutcome otherwise.")
            .FhirExchange(null, "ClaimResponse", "The invoice's ClaimResponse as it stands now, with payment once paid.")
            .Produces(StatusCodes.Status404NotFound)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .DisclosesPersonalData("claim");

    private static async Task<IResult> GetAsync(
        string id, HttpContext context, Actors actors, ClaimSubmissions claims, ClaimPayments payments, TimeProvider time, CancellationToken cancellation)
    {
        if (!context.User.HasScope(ApiClientScopes.Claims))
        {
            return FhirOutcomes.MissingScope(ApiClientScopes.Claims);
        }

        if (await actors.OfAsync(context, Channels.Fhir, cancellation) is not { } actor)
        {
            return FhirOutcomes.NoActor();
        }

        var outcome = id.Length > 20 ? ClaimOutcome.NotFound : await claims.ReadAsync(actor, id, cancellation);
        if (outcome.Refusal is { } refusal)
        {
            return FhirOutcomes.Refused(context, refusal);
        }

        if (outcome.Answer is not { } answer)
        {
            return FhirOutcomes.NotFound("ClaimResponse", "This practice has no invoice with this id.");
        }

        var request = new Claim { Identifier = [new Identifier(FhirCodes.Reference, answer.ClaimId)] };
        return FhirIo.Write(ClaimResponseMapping.InvoiceResponse(request, answer, time.GetUtcNow(), await payments.OfAsync(actor.PracticeId, answer.ClaimId, cancellation)));
    }
}
