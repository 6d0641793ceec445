using Microsoft.AspNetCore.Http.Metadata;

namespace TiersPayant.Web.Requests;

/// <summary>
/// How many bytes of request body each endpoint reads at most. Routing hands an endpoint's limit
/// to the server (<see cref="IRequestSizeLimitMetadata"/>), which answers 413 before the body is
/// buffered; anything not listed gets <see cref="Default"/>, the server's own limit.
/// </summary>
internal static class BodyLimits
{
    /// <summary>Portal forms, the token endpoint and any endpoint without a limit of its own.</summary>
    public const long Default = 64 * 1024;

    /// <summary>A rights check: a card, a person, a few domains (a few hundred bytes in practice).</summary>
    public const long Eligibility = 16 * 1024;

    /// <summary>A quote or an invoice: at most 20 lines and a prescription (a few KB in practice).</summary>
    public const long QuoteOrInvoice = 32 * 1024;

    /// <summary>An invoice file sent as a background job (<c>POST /api/v1/claim-batches</c>): about 150 000 invoice lines.</summary>
    public const long InvoiceFile = 32 * 1024 * 1024;

    /// <summary>A FHIR CoverageEligibilityRequest with its contained Patient and Coverage.</summary>
    public const long FhirEligibility = 64 * 1024;

    /// <summary>A FHIR Claim/$submit Bundle: the Claim, its Patient, Coverage and prescription, supporting information.</summary>
    public const long FhirBundle = 256 * 1024;

    /// <summary>
    /// Caps the body of this endpoint at <paramref name="bytes"/> and says so in OpenAPI: a longer
    /// body is a 413 problem details, or with <paramref name="errorContentType"/> (FHIR's
    /// OperationOutcome) that body instead.
    /// </summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder builder, long bytes, string? errorContentType = null)
    {
        builder.WithMetadata(new BodyLimit(bytes));
        return errorContentType is null
            ? builder.ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            : builder.Produces(StatusCodes.Status413PayloadTooLarge, typeof(object), errorContentType);
    }

    /// <summary>The limit routing applied to this request's endpoint, or <see cref="Default"/>.</summary>
    public static long Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? Default;

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
