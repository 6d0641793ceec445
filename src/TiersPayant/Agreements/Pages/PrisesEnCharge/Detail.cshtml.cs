using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Accounts;
using TiersPayant.Data;
using TiersPayant.Data.Agreements;
using TiersPayant.Guard;
using TiersPayant.Portal.Shared;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements.Pages.PrisesEnCharge;

/// <summary>
/// <c>/prises-en-charge/{number}</c>: one of the practice's agreements as decided (amounts,
/// validity, reasons in words, the renewal date), its documents to download, the links to print it
/// and to invoice it. Read through the guard; never who the patient is. Another practice's number
/// is a 404, as is a number that does not exist.
/// </summary>
[Authorize(Policy = PortalPolicies.Professional)]
[DisclosesPersonalData("agreement")]
public sealed class DetailModel(TiersPayantDbContext db, Actors actors, AgreementRequests agreements) : PageModel
{
    public AgreementAnswer? Answer { get; private set; }

    public IReadOnlyList<AttachedDocument> Documents { get; private set; } = [];

    /// <summary>The guard's refusal, when it refused (throttled, closed).</summary>
    public GuardOutcome? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? number, CancellationToken cancellation)
    {
        (Answer, var instead, Refused) = await AgreementPage.ReadAsync(this, actors, agreements, number, cancellation);
        if (instead is not null)
        {
            return instead;
        }

        if (Answer is not null)
        {
            var practice = PracticePages.PracticeOf(User);
            var id = await db.Agreements.AsNoTracking().Where(a => a.Number == number && a.PracticeId == practice).Select(a => a.Id).SingleAsync(cancellation);
            Documents = await AgreementDocuments.ListAsync(db, id, cancellation);
        }

        return Page();
    }
}
