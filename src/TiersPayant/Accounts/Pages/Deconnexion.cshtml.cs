using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts.Pages;

/// <summary>Ends the current session (POST only: a link or an image cannot log anyone out).</summary>
[Authorize]
[NoPersonalData]
public sealed class DeconnexionModel(PortalSessions sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/compte");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        if (Guid.TryParse(User.FindFirstValue(PortalSessionAuthentication.SessionIdClaim), out var sessionId)
            && Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId))
        {
            await sessions.EndAsync(accountId, sessionId, "logout", cancellation);
        }

        Response.Cookies.Delete(PortalSessionAuthentication.CookieName);
        return Redirect("/");
    }
}
