using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Accounts;
using TiersPayant.Guard;
using TiersPayant.Portal.Shared;

namespace TiersPayant.Payments.Pages.Paiements;

/// <summary>
/// "Paiements": the practice's remittance statements, newest first, filtered by date; one opens
/// with every invoice it paid, reported rejected or recovered, and downloads as CSV. Numbers,
/// dates and amounts: never who the patient is.
/// </summary>
[Authorize(Policy = PortalPolicies.Professional)]
[NoPersonalData]
public sealed class IndexModel(Remittances remittances) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Reference { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public RemittancePage? List { get; private set; }

    public RemittanceStatement? Statement { get; private set; }

    public bool HasNext => List is { } list && list.Page * list.PageSize < list.Total;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        var practice = PracticePages.PracticeOf(User);
        if (Reference is not null)
        {
            var kind = Kind is PaymentLineKinds.Paid or PaymentLineKinds.Rejected or PaymentLineKinds.Recovered ? Kind : null;
            Statement = Reference.Length <= 35 ? await remittances.ReadAsync(practice, Reference, kind, cancellation) : null;
            return Statement is null ? NotFound() : Page();
        }

        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        List = await remittances.ListAsync(practice, PracticePages.FilterDate(From), PracticePages.FilterDate(To), PageNumber, PracticePages.PageSize, cancellation);
        return Page();
    }

    /// <summary>The statement as CSV, for the practice's spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellation)
    {
        var statement = Reference is { Length: <= 35 } ? await remittances.ReadAsync(PracticePages.PracticeOf(User), Reference, null, cancellation) : null;
        return statement is null ? NotFound() : File(Remittances.Csv(statement), "text/csv; charset=utf-8", statement.PaymentId + ".csv");
    }

    public static string Euros(long cents) => new Domain.Money(cents).ToString();
}
