using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Accounts;
using TiersPayant.Agreements.Documents;
using TiersPayant.Guard;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements.Pages.PrisesEnCharge;

/// <summary>
/// <c>/prises-en-charge/{number}/pieces/{document}</c>: one document of one of the practice's
/// agreements, downloaded (never shown inline) under a name made of its kind and the agreement
/// number, never the name it was uploaded with. Through the guard, recorded as a disclosure of
/// the field <c>document</c> for the purpose <c>document</c>; 404 to any other practice.
/// </summary>
[Authorize(Policy = PortalPolicies.Professional)]
[DisclosesPersonalData(GuardedDocuments.PracticePurpose)]
public sealed class PieceModel(Actors actors, GuardedDocuments documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? number, Guid document, CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        if (number is not { Length: > 0 and <= 20 })
        {
            return NotFound();
        }

        return Download(this, await documents.ForPracticeAsync(actor, number, document, cancellation), number);
    }

    /// <summary>The document as an attachment, or what the page answers instead.</summary>
    internal static IActionResult Download(PageModel page, DocumentOutcome outcome, string number)
    {
        if (outcome.Refusal is { } refusal)
        {
            return GuardStepUp.Asked(refusal) ? GuardStepUp.Redirect(page) : page.StatusCode(refusal.Outcome switch
            {
                GuardOutcome.Closed => StatusCodes.Status503ServiceUnavailable,
                GuardOutcome.Throttle => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status403Forbidden,
            });
        }

        return outcome.Document is { } opened
            ? page.File(opened.Content, opened.MediaType, $"{opened.Kind}-{number}.{DocumentContent.Extension(opened.MediaType)}")
            : page.NotFound();
    }
}
