using Microsoft.OpenApi;

namespace TiersPayant.Web.OpenApi;

/// <summary>The OpenAPI document of the HTTP API, served at <c>/openapi/v1.json</c>.</summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    private const string Description =
        "Third-party payment (tiers payant) for French complementary health insurance: rights checks, "
        + "prior agreements, invoices and payments for health professionals' software. Every error is "
        + "an RFC 9457 problem details body (application/problem+json) whose `type` is a stable URN (urn:tierspayant:problem:…); "
        + "under /fhir/r4 every error is a FHIR OperationOutcome (application/fhir+json) instead.";

    /// <summary>Every tag an operation uses, described; the OpenAPI lint test fails on a tag missing here.</summary>
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Health"] = "Whether this node can serve, for load balancers and monitoring.",
        ["Authentication"] = "Bearer tokens for practice software and auditors (OAuth 2.0 client credentials).",
        ["Eligibility"] = "Rights checks: is a patient covered by their complementary insurer, per care domain, on a care date.",
        ["Reference"] = "The product and act codes the platform knows (LPP, CCAM, CIP13), per care domain.",
        ["Practices"] = "The practice a token acts for.",
        ["Agreements"] = "Prior agreements (prises en charge) on quotes, in optics, audiology and dental care.",
        ["Claims"] = "Invoices (factures) under an agreement or direct, idempotent on the Idempotency-Key header.",
        ["Payments"] = "Remittance statements: what was paid to the practice, invoice by invoice.",
        ["FHIR R4"] = "The same services in FHIR R4 (CoverageEligibilityRequest, Claim/$submit, ClaimResponse); bodies and errors are FHIR JSON resources.",
        ["Disclosure log"] = "The tamper-evident log of every disclosure of personal data, for auditors (C2SP tlog-tiles, signed checkpoints, proofs).",
    };

    public static IServiceCollection AddTiersPayantOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddOperationTransformer(OpenApiErrorResponses.TransformAsync);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TiersPayant",
                    Version = DocumentName,
                    Description = Description,
                    // No licence is granted: the API is described for the practices' software vendors that integrate with it.
                    License = new OpenApiLicense { Name = "Proprietary, all rights reserved", Identifier = "LicenseRef-TiersPayant-Proprietary" },
                };
                // Relative: the server that served this document (its public address is the operator's, behind any proxy).
                document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document was read from." }];
                foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                {
                    tag.Description ??= Tags.GetValueOrDefault(tag.Name ?? "");
                }

                return Task.CompletedTask;
            });
        });
}
