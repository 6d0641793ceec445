using Hl7.Fhir.Model;
using OpenIddict.Abstractions;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Agreements;
using TiersPayant.Guard;
using TiersPayant.Claims;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Requests;

namespace TiersPayant.Fhir;

/// <summary>
/// <c>POST /fhir/r4/Claim/$submit</c> (after Da Vinci PAS): a Bundle with one Claim. Use
/// <c>preauthorization</c> asks for a prior agreement (scope <c>agreements</c>); use <c>claim</c>
/// sends an invoice (scope <c>claims</c>), idempotent on the <c>Idempotency-Key</c> header or else
/// the Claim's first identifier value. Answers a collection Bundle with one ClaimResponse.
/// </summary>
internal static class ClaimSubmitEndpoint
{
    public static RouteHandlerBuilder MapFhirClaimSubmit(this IEndpointRouteBuilder fhir) =>
        // The scope depends on Claim.use, inside the body: the policy asks for a practice's token, the handler for the scope.
        fhir.MapPost("/Claim/$submit", PostAsync)
            .RequireAuthorization(ApiClientPolicies.PracticeSoftware)
            .WithName("FhirSubmitClaim")
            .WithSummary("Asks for a prior agreement or sends an invoice (FHIR R4 Claim/$submit)")
            .WithDescription("A Bundle with one Claim. use=preauthorization needs the 'agreements' scope and answers preAuthRef and preAuthPeriod; "
                + "use=claim needs 'claims', invoices insurance.preAuthRef (or a direct claim) and is idempotent on the Idempotency-Key header, "
                + "else Claim.identifier; the same key with another body is 409.")
            .Accepts<object>(FhirIo.MediaType)
            .FhirExchange("Bundle", "Bundle", "A collection Bundle with one ClaimResponse: the agreement's or the invoice's outcome and amounts.")
            .Produces(StatusCodes.Status409Conflict)
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status415UnsupportedMediaType)
            .Produces(StatusCodes.Status422UnprocessableEntity)
            .WithBodyLimit(BodyLimits.FhirBundle, FhirIo.MediaType)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Agreements, ApiClientScopes.Claims)
            .DisclosesPersonalData("agreement");

    private static async Task<IResult> PostAsync(
        HttpContext context, Actors actors, AgreementRequests agreements, ClaimSubmissions claims, TimeProvider time, CancellationToken cancellation)
    {
        var (bundle, raw, error) = await FhirIo.ReadAsync<Bundle>(context, cancellation);
        if (bundle is null)
        {
            return error!;
        }

        var resources = bundle.Entry.Select(e => e.Resource).OfType<Resource>().ToList();
        if (resources.OfType<Claim>().ToList() is not [var claim])
        {
            return FhirOutcomes.Invalid("Bundle.entry", "must hold exactly one Claim");
        }

        var scope = claim.Use switch
        {
            ClaimUseCode.Preauthorization => ApiClientScopes.Agreements,
            ClaimUseCode.Claim => ApiClientScopes.Claims,
            _ => null,
        };
        if (scope is null)
        {
            return FhirOutcomes.Invalid("Claim.use", "required: preauthorization or claim");
        }

        if (!context.User.HasScope(scope))
        {
            return FhirOutcomes.MissingScope(scope);
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString().Trim() is { Length: > 0 } header
            ? header
            : claim.Identifier.FirstOrDefault()?.Value?.Trim() ?? "";
        if (scope == ApiClientScopes.Claims && key.Length is 0 or > ClaimSubmissions.MaxKeyLength)
        {
            return FhirOutcomes.Invalid("Claim.identifier", "required: the Idempotency-Key header or Claim.identifier, 1 to 100 characters, one per invoice");
        }

        var (read, errors) = ClaimMapping.From(claim, resources);
        if (read is null)
        {
            return FhirOutcomes.Invalid(errors, ClaimMapping.Path);
        }

        if (await actors.OfAsync(context, Channels.Fhir, cancellation) is not { } actor)
        {
            return FhirOutcomes.NoActor();
        }

        if (scope == ApiClientScopes.Agreements)
        {
            var outcome = await agreements.RequestAsync(actor, ClaimMapping.Agreement(read), cancellation);
            return outcome switch
            {
                { Errors: { } invalid } => FhirOutcomes.Invalid(invalid, ClaimMapping.Path),
                { Refusal: { } refusal } => FhirOutcomes.Refused(context, refusal),
                { NotFound: true } => FhirOutcomes.NoMatch(),
                _ => FhirIo.Write(ClaimResponseMapping.Agreement(claim, outcome.Answer!, time.GetUtcNow())),
            };
        }

        // The raw bytes are what the key is bound to, as for the REST API: the same Bundle again replays, another is a conflict.
        var submitted = await claims.SubmitAsync(actor, key, raw, ClaimMapping.Invoice(read), cancellation);
        return submitted switch
        {
            { Errors: { } invalid } => FhirOutcomes.Invalid(invalid, ClaimMapping.Path),
            { Refusal: { } refusal } => FhirOutcomes.Refused(context, refusal),
            { ConflictReason: { } reason } => FhirOutcomes.Conflict(reason, "This idempotency key was used with another body."),
            _ => FhirIo.Write(ClaimResponseMapping.Invoice(claim, submitted.Answer!, time.GetUtcNow())),
        };
    }
}
