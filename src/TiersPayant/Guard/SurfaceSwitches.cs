using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using TiersPayant.Accounts;
using TiersPayant.Data;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Web;
using TiersPayant.Web.Problems;

namespace TiersPayant.Guard;

/// <summary>
/// Answers 503 on a surface closed by a switch (the portal's pages, the REST API, FHIR), for
/// everyone or for the profession, practice, account or API client the switch names. A closed
/// portal leaves the API and FHIR answering, and the reverse: each surface has its own switches.
/// The portal shows its French explanation page; machines get problem details
/// (<see cref="ProblemTypes.SurfaceClosed"/>).
/// </summary>
internal static class SurfaceSwitches
{
    /// <summary>The <see cref="HttpContext.Items"/> key telling the error page that a switch closed the surface.</summary>
    public const string ClosedItem = "tierspayant.surface-closed";

    // Never closed: the token endpoint, OpenAPI, health, and the page that explains the closure.
    private static readonly PathString[] Unswitched = ["/connect", "/openapi", "/health", Portal.ErreurModel.Path];

    public static WebApplication UseSurfaceSwitches(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (SurfaceOf(context.Request.Path) is not { } surface)
            {
                await next(context);
                return;
            }

            var state = await context.RequestServices.GetRequiredService<SwitchBoard>().CurrentAsync(context.RequestAborted);
            if (!await ClosedAsync(context, state, surface))
            {
                await next(context);
                return;
            }

            context.Items[ClosedItem] = surface;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            if (surface != SwitchSurfaces.Portal || !RequestKind.IsPortalPage(context.Request))
            {
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status503ServiceUnavailable, Type = ProblemTypes.SurfaceClosed, Title = "Surface closed",
                        Detail = $"The {surface} surface is closed by a switch for this caller; the other surfaces keep working.",
                    },
                });
            }

            // On a portal page the status code pages re-execute to the explanation page.
        });
        return app;
    }

    private static string? SurfaceOf(PathString path)
    {
        foreach (var unswitched in Unswitched)
        {
            if (path.StartsWithSegments(unswitched, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? SwitchSurfaces.Api
            : path.StartsWithSegments(Fhir.FhirSetup.Base, StringComparison.OrdinalIgnoreCase) ? SwitchSurfaces.Fhir
            : SwitchSurfaces.Portal;
    }

    private static async Task<bool> ClosedAsync(HttpContext context, SwitchState state, string surface)
    {
        if (!state.HasTargetedSwitch(surface))
        {
            return state.Closes(surface, null, null, null, null);
        }

        // A switch names a caller: find out who calls (the portal's session is already read; a token is read here).
        Guid? practice = null, account = null;
        string? client = null;
        if (surface == SwitchSurfaces.Portal)
        {
            var user = context.User;
            account = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var a) ? a : null;
            practice = Guid.TryParse(user.FindFirstValue(PortalSessionAuthentication.PracticeClaim), out var p) ? p : null;
        }
        else if ((await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)).Principal is { } token)
        {
            client = token.FindFirstValue(OpenIddictConstants.Claims.Subject);
            practice = Guid.TryParse(token.FindFirstValue(ApiClientClaims.PracticeId), out var p) ? p : null;
        }

        var profession = practice is { } id && state.HasProfessionSwitch(surface)
            ? await context.RequestServices.GetRequiredService<TiersPayantDbContext>().Practices.AsNoTracking()
                .Where(x => x.Id == id).Select(x => x.Profession).SingleOrDefaultAsync(context.RequestAborted)
            : null;
        return state.Closes(surface, profession, practice, account, client);
    }
}
