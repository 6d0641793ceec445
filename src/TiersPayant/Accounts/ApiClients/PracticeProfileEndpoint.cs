using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Domain;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Web.Problems;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>
/// <c>GET /api/v1/practices/{id}</c>: a practice's public profile, for its own software only. The
/// first resource behind the practice boundary: a token acts for one practice and reads nothing
/// of another, whether that other exists or not.
/// </summary>
internal static class PracticeProfileEndpoint
{
    /// <summary>The path on the <see cref="Web.ApiVersion1"/> group.</summary>
    public const string Path = "/practices/{id:guid}";

    /// <summary>The full path.</summary>
    public const string Route = Web.ApiVersion1.Prefix + Path;

    public static RouteHandlerBuilder MapPracticeProfile(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, GetAsync)
            .RequireAuthorization(ApiClientPolicies.PracticeSoftware)
            .WithName("GetPracticeProfile")
            .WithTags("Practices")
            .WithSummary("The public profile of the token's own practice")
            .WithDescription("Name, profession code, city and billing number. 403 for any other practice (existing or not), 401 without a valid token.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequiresPracticeSoftwareToken()
            .NoPersonalData();

    private static async Task<Results<Ok<PracticeProfile>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, TiersPayantDbContext db, CancellationToken cancellation)
    {
        if (!Guid.TryParse(user.FindFirstValue(ApiClientClaims.PracticeId), out var own) || own != id)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                type: ProblemTypes.Forbidden,
                title: "Forbidden",
                detail: "This token acts for another practice.");
        }

        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Id, p.Name, p.Profession, p.City, p.BillingNumber })
            .FirstOrDefaultAsync(cancellation);
        if (practice is null)
        {
            // The client outlived its practice: it may know that its practice is gone, nothing more.
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "Not Found");
        }

        return TypedResults.Ok(new PracticeProfile(
            new PracticeId(practice.Id).ToString(), practice.Name, practice.Profession, practice.City, practice.BillingNumber));
    }
}

/// <summary>What any practice's software may know of its own practice.</summary>
/// <param name="Id">The practice identifier (32 hexadecimal digits).</param>
/// <param name="Name">The practice's trading name.</param>
/// <param name="Profession">Profession code: <c>pharmacien</c>, <c>opticien</c>, <c>audioprothesiste</c>, <c>chirurgien-dentiste</c>…</param>
/// <param name="City">The city of the practice.</param>
/// <param name="BillingNumber">The practice's billing (AM) number, 9 digits.</param>
public sealed record PracticeProfile(string Id, string Name, string Profession, string City, string BillingNumber);
