using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using TiersPayant.Web.Requests;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>What a fuzz target reads: nothing, JSON, FHIR JSON or a form (a portal page's, or the token endpoint's).</summary>
internal enum BodyKind
{
    None,
    Json,
    Fhir,
    Form,
}

/// <summary>One endpoint and method, with the route values and the valid body the cases start from.</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Route">The route template, to name the endpoint in failures.</param>
/// <param name="Segments">The path's segments; a route parameter is null, filled from <paramref name="Values"/>.</param>
/// <param name="Values">A valid value for each route parameter, in order.</param>
/// <param name="Kind">What the body is.</param>
/// <param name="Body">The valid JSON or FHIR body (POST), or the form fields for the token endpoint.</param>
/// <param name="Limit">The endpoint's body limit.</param>
internal sealed record FuzzTarget(
    string Method, string Route, IReadOnlyList<string?> Segments, IReadOnlyList<string> Values, BodyKind Kind, byte[]? Body, long Limit)
{
    public bool IsPage => Kind == BodyKind.Form && !Route.StartsWith("connect", StringComparison.Ordinal);

    public bool IsMachine => !IsPage;

    /// <summary>The path with the route values given (already encoded as they should be sent).</summary>
    public string Path(IReadOnlyList<string>? values = null)
    {
        var builder = new StringBuilder();
        var next = 0;
        foreach (var segment in Segments)
        {
            var value = segment ?? (values ?? Values)[next++];
            builder.Append('/').Append(value);
        }

        var path = builder.ToString().TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>Every route endpoint, GET and POST (a page answers both), with what its body is.</summary>
    public static List<FuzzTarget> From(IEnumerable<RouteEndpoint> endpoints, FuzzPlatform platform)
    {
        var targets = new List<FuzzTarget>();
        foreach (var endpoint in endpoints.OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal))
        {
            var route = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            var (segments, values) = Parts(endpoint.RoutePattern, platform);
            var limit = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? BodyLimits.Default;
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
            {
                var (kind, body) = method == "GET" ? (BodyKind.None, null) : BodyOf(route, platform);
                targets.Add(new FuzzTarget(method, route, segments, values, kind, body, limit));
            }
        }

        return targets;
    }

    private static (List<string?> Segments, List<string> Values) Parts(RoutePattern pattern, FuzzPlatform platform)
    {
        var segments = new List<string?>();
        var values = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            if (segment.Parts is [RoutePatternParameterPart parameter])
            {
                segments.Add(null);
                values.Add(parameter.Name switch
                {
                    "number" => platform.AgreementNumber,
                    "claimId" => platform.ClaimId,
                    "id" => platform.PracticeId,
                    "documentName" => "v1",
                    "code" => "400",
                    _ => "x",
                });
                continue;
            }

            // A literal, or a literal around a parameter (openapi/{documentName}.json).
            segments.Add(string.Concat(segment.Parts.Select(p => p switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart { Name: "documentName" } => "v1",
                _ => "x",
            })));
        }

        return (segments, values);
    }

    private static (BodyKind Kind, byte[]? Body) BodyOf(string route, FuzzPlatform platform) => route switch
    {
        "api/v1/eligibility" => (BodyKind.Json, FuzzBodies.Eligibility(platform.Card)),
        "api/v1/agreements" => (BodyKind.Json, FuzzBodies.Agreement(platform.Card)),
        "api/v1/claims" => (BodyKind.Json, FuzzBodies.Claim(platform.AgreementNumber)),
        "fhir/r4/CoverageEligibilityRequest" => (BodyKind.Fhir, FuzzBodies.FhirEligibility(platform.Card)),
        "fhir/r4/Claim/$submit" => (BodyKind.Fhir, FuzzBodies.FhirClaim(platform.Card)),
        "connect/token" => (BodyKind.Form, FormCases.Bytes(FormCases.Encode(platform.TokenForm))),
        _ when route.StartsWith("api", StringComparison.Ordinal) || route.StartsWith("fhir", StringComparison.Ordinal) => (BodyKind.Json, "{}"u8.ToArray()),
        _ => (BodyKind.Form, null),
    };
}
