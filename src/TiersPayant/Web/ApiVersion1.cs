namespace TiersPayant.Web;

/// <summary>
/// The REST API's first version: every module maps its endpoints on this group with paths of its
/// own (<c>/eligibility</c>, <c>/claims</c>…), so the prefix is written once.
/// </summary>
internal static class ApiVersion1
{
    public const string Prefix = "/api/v1";

    public static RouteGroupBuilder MapApiVersion1(this IEndpointRouteBuilder endpoints) => endpoints.MapGroup(Prefix);
}
