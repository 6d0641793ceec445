using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TiersPayant.Guard;

namespace TiersPayant.Web.OpenApi;

/// <summary>
/// The errors every operation can answer because of the pipeline around it, written once from the
/// endpoint's metadata rather than repeated on each: 401 and 403 where a token is required, 429 with
/// <c>Retry-After</c> where the guard counts the patients reached, 503 where a switch can close the
/// surface (the API and FHIR), 400 where nothing else in 4xx is documented (an unreadable request).
/// Each error has its body: problem details, or under <c>/fhir/r4</c> an OperationOutcome. An
/// operation open to anyone says so with an empty security requirement.
/// </summary>
internal static class OpenApiErrorResponses
{
    public const string ProblemMediaType = "application/problem+json";
    public const string ProblemSchema = "ProblemDetails";

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var path = "/" + (context.Description.RelativePath ?? "");
        var fhir = path.StartsWith(Fhir.FhirSetup.Base + "/", StringComparison.OrdinalIgnoreCase);
        var authorized = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= [];
        if (!authorized && (operation.Security is null || operation.Security.Count == 0))
        {
            operation.Security = [new OpenApiSecurityRequirement()];
        }

        if (authorized)
        {
            Ensure(operation, StatusCodes.Status401Unauthorized);
            Ensure(operation, StatusCodes.Status403Forbidden);
        }

        if (metadata.OfType<DisclosesPersonalDataAttribute>().Any())
        {
            Ensure(operation, StatusCodes.Status429TooManyRequests);
        }

        if (path.StartsWith(ApiVersion1.Prefix + "/", StringComparison.OrdinalIgnoreCase) || fhir)
        {
            Ensure(operation, StatusCodes.Status503ServiceUnavailable);
        }

        if (!operation.Responses.Keys.Any(code => code.StartsWith('4')))
        {
            Ensure(operation, StatusCodes.Status400BadRequest);
        }

        foreach (var (code, response) in operation.Responses)
        {
            if (code.Length == 3 && code[0] is '4' or '5' && response is OpenApiResponse error)
            {
                Describe(error, int.Parse(code, CultureInfo.InvariantCulture), fhir, context.Document!);
            }
        }

        return Task.CompletedTask;
    }

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "The request could not be read (malformed syntax, headers or query string) or a field is invalid.",
        [StatusCodes.Status401Unauthorized] = "No valid bearer token: missing, expired, revoked or not for this platform (WWW-Authenticate: Bearer).",
        [StatusCodes.Status403Forbidden] = "The token lacks the scope this operation needs, or the account is contained.",
        [StatusCodes.Status429TooManyRequests] = "The guard throttles this account (too many distinct patients for now): retry after Retry-After seconds.",
        [StatusCodes.Status503ServiceUnavailable] = "This surface, or this insurer's members' data, is closed by a switch for this caller for now.",
    };

    private static void Ensure(OpenApiOperation operation, int status) =>
        operation.Responses!.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse());

    // The body every error has; a producer's own JSON schema (validation problems, the token endpoint's OAuth errors) is kept.
    private static void Describe(OpenApiResponse error, int status, bool fhir, OpenApiDocument document)
    {
        var phrase = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        if (string.IsNullOrWhiteSpace(error.Description) || error.Description == phrase)
        {
            error.Description = Descriptions.GetValueOrDefault(status, phrase);
        }

        error.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (fhir)
        {
            error.Content.Clear();
            error.Content[Fhir.FhirIo.MediaType] = new OpenApiMediaType { Schema = Fhir.FhirOpenApi.Schema(document, "OperationOutcome") };
        }
        else if (!error.Content.Values.Any(c => c.Schema is not null))
        {
            error.Content.Clear();
            error.Content[ProblemMediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) };
        }

        error.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (status == StatusCodes.Status429TooManyRequests)
        {
            error.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
        }
        else if (status == StatusCodes.Status401Unauthorized)
        {
            error.Headers["WWW-Authenticate"] = new OpenApiHeader { Description = "The challenge: Bearer.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }
}
