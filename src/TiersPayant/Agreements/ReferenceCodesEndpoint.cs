using Microsoft.AspNetCore.Http.HttpResults;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Guard;
using TiersPayant.Web.Problems;

namespace TiersPayant.Agreements;

/// <summary>
/// <c>GET /api/v1/reference/codes?domain=D</c>: the product and act codes the platform knows for a
/// domain, as the calculation engine uses them. Public reference data: no token needed.
/// </summary>
internal static class ReferenceCodesEndpoint
{
    /// <summary>The path on the <see cref="Web.ApiVersion1"/> group.</summary>
    public const string Path = "/reference/codes";

    /// <summary>The full path.</summary>
    public const string Route = Web.ApiVersion1.Prefix + Path;

    public static RouteHandlerBuilder MapReferenceCodes(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, Get)
            .AllowAnonymous()
            .WithName("GetReferenceCodes")
            .WithTags("Reference")
            .WithSummary("The product and act codes known for a care domain")
            .WithDescription("class is A/B in optics, I/II in audiology, null elsewhere; statutoryBaseCents and statutoryRate (percent) are the statutory insurance's base and rate.")
            .ProducesValidationProblem()
            .NoPersonalData();

    private static Results<Ok<IEnumerable<ReferenceCodeView>>, ValidationProblem> Get(string? domain)
    {
        if (!CareDomains.TryParse(domain, out var parsed))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["domain"] = ["required: one of " + string.Join(", ", CareDomains.All.Select(d => d.Code()))] },
                type: ProblemTypes.Validation, title: "The request has invalid fields.");
        }

        return TypedResults.Ok(ReferenceCodeTable.Default.ForDomain(parsed).Select(c => new ReferenceCodeView(
            c.Code, c.Label, c.Domain.Code(), c.Kind.Code(), c.Class?.Code(), c.StatutoryBase.Cents, c.StatutoryRate)));
    }
}

/// <summary>One code of <c>GET /api/v1/reference/codes</c> (CONTRACT.md).</summary>
public sealed record ReferenceCodeView(string Code, string Label, string Domain, string Kind, string? Class, long StatutoryBaseCents, int StatutoryRate);
