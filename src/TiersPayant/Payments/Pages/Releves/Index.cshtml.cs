using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Accounts;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Payments.Pages.Releves;

/// <summary>
/// The insurer back-office's billing: the statements of the manager's own insurer (what it was
/// debited, or is to pay), a statement's invoices with the beneficiary as the insurer's
/// pseudonym, its invoices per month and domain as a chart, and its rejection reasons.
/// </summary>
[Authorize(Policy = PortalPolicies.InsurerBackOffice)]
[NoPersonalData]
public sealed class IndexModel(Actors actors, InsurerStatements statements, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    public List<StatementSummary> Statements { get; private set; } = [];

    public StatementDetail? Detail { get; private set; }

    public List<(string Reason, int Count)> Rejections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        if (await actors.StaffOfAsync(HttpContext, StaffRoles.InsurerManager, cancellation) is not { InsurerAmc: { } insurer })
        {
            return Forbid();
        }

        if (Number is not null)
        {
            Detail = Number.Length <= 35 ? await statements.ReadAsync(insurer, Number, cancellation) : null;
            return Detail is null ? NotFound() : Page();
        }

        Statements = await statements.ListAsync(insurer, cancellation);
        Rejections = await statements.RejectionsAsync(insurer, Web.Localization.ParisTime.Today(time), cancellation);
        return Page();
    }

    public static string Euros(long cents) => new Domain.Money(cents).ToString();
}
