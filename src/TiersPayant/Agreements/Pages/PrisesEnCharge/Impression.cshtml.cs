using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Accounts;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Portal.Shared;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements.Pages.PrisesEnCharge;

/// <summary>
/// <c>/prises-en-charge/{number}/impression</c>: the decision on a page of its own, made for paper
/// (its own print stylesheet, A4, no navigation) or for "save as PDF": what the patient takes
/// home: the number, the validity, each line with its side, each share and what is left to pay,
/// the reasons and the renewal date. It names the practice, never the patient (who holds it).
/// </summary>
[Authorize(Policy = PortalPolicies.Professional)]
[DisclosesPersonalData("agreement")]
public sealed class ImpressionModel(TiersPayantDbContext db, Actors actors, AgreementRequests agreements, TimeProvider time) : PageModel
{
    public AgreementAnswer? Answer { get; private set; }

    public GuardOutcome? Refused { get; private set; }

    public string PracticeName { get; private set; } = string.Empty;

    public string PracticeCity { get; private set; } = string.Empty;

    public DateOnly Today => Web.Localization.ParisTime.Today(time);

    public async Task<IActionResult> OnGetAsync(string? number, CancellationToken cancellation)
    {
        (Answer, var instead, Refused) = await AgreementPage.ReadAsync(this, actors, agreements, number, cancellation);
        if (instead is not null)
        {
            return instead;
        }

        var practice = PracticePages.PracticeOf(User);
        (PracticeName, PracticeCity) = await db.Practices.AsNoTracking().Where(p => p.Id == practice)
            .Select(p => ValueTuple.Create(p.Name, p.City)).SingleAsync(cancellation);
        return Page();
    }
}
