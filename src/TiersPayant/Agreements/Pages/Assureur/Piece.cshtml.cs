using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Accounts;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements.Pages.Assureur;

/// <summary>
/// <c>/assureur/pieces/{number}/{document}</c>: a document of a request the insurer's manager
/// reviews (waiting for review, or decided by them), downloaded through the guard with the
/// manager's caps and recorded (field <c>document</c>, purpose <c>agreement-review-document</c>).
/// Any other request, insurer or role: 404.
/// </summary>
[Authorize(Policy = PortalPolicies.InsurerBackOffice)]
[DisclosesPersonalData(GuardedDocuments.ReviewPurpose)]
public sealed class PieceModel(Actors actors, GuardedDocuments documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? number, Guid document, CancellationToken cancellation)
    {
        if (await actors.StaffOfAsync(HttpContext, StaffRoles.InsurerManager, cancellation) is not { InsurerAmc: { } } staff)
        {
            return Forbid();
        }

        if (number is not { Length: > 0 and <= 20 })
        {
            return NotFound();
        }

        return PrisesEnCharge.PieceModel.Download(this, await documents.ForReviewerAsync(staff, number, document, cancellation), number);
    }
}
