using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Accounts;
using TiersPayant.Security.Guard;

namespace TiersPayant.Guard;

/// <summary>
/// The guard asked a portal session to confirm its holder before it reaches anyone else: the page
/// sends the professional to the step-up (the second factor again), and back to where they were.
/// The session is already marked: any other page would send them there too.
/// </summary>
internal static class GuardStepUp
{
    public static bool Asked(GuardDecision? refusal) => refusal?.Outcome == GuardOutcome.StepUp;

    public static IActionResult Redirect(PageModel page) =>
        new RedirectResult($"{PortalSessionAuthentication.StepUpPath}?returnUrl={Uri.EscapeDataString(page.Request.Path)}");
}
