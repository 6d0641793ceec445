using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Guard;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements.Pages.PrisesEnCharge;

/// <summary>
/// One of the practice's agreements read for a page, through the guard (recorded as a <c>care</c>
/// disclosure, purpose <c>agreement</c>): the answer, or what the page answers instead: 404 for a
/// number the practice did not ask for (existing or not), a step-up, 429 or 503 from the guard.
/// </summary>
internal static class AgreementPage
{
    public static async Task<(AgreementAnswer? Answer, IActionResult? Instead, GuardOutcome? Refused)> ReadAsync(
        PageModel page, Actors actors, AgreementRequests agreements, string? number, CancellationToken cancellation)
    {
        if (await actors.OfAsync(page.HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return (null, page.Forbid(), null);
        }

        // A blank route value binds as null: no number, nothing to read.
        var outcome = number is not { Length: > 0 and <= 20 } ? AgreementOutcome.NoMatch : await agreements.ReadAsync(actor, number, cancellation);
        switch (outcome)
        {
            case { Answer: { } answer }:
                return (answer, null, null);
            case { Refusal: { } refusal } when GuardStepUp.Asked(refusal):
                return (null, GuardStepUp.Redirect(page), null);
            case { Refusal: { } refusal }:
                page.Response.StatusCode = refusal.Outcome switch
                {
                    GuardOutcome.Closed => StatusCodes.Status503ServiceUnavailable,
                    GuardOutcome.Throttle => StatusCodes.Status429TooManyRequests,
                    _ => StatusCodes.Status403Forbidden,
                };
                return (null, null, refusal.Outcome);
            default:
                return (null, page.NotFound(), null);
        }
    }
}
