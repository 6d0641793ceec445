using Microsoft.OpenApi;

namespace TiersPayant.Web.OpenApi;

/// <summary>The OpenAPI document of the HTTP API, served at <c>/openapi/v1.json</c>.</summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    private const string Description =
        "Third-party payment (tiers payant) for French complementary health insurance: rights checks, "
        + "prior agreements, invoices and payments for health professionals' software. Every error is "
        + "an RFC 9457 problem details body whose `type` is a stable URN (urn:tierspayant:problem:…).";

    public static IServiceCollection AddTiersPayantOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "TiersPayant",
                Version = DocumentName,
                Description = Description,
            };
            return Task.CompletedTask;
        }));
}
