using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Records.Agreements;
using TiersPayant.Domain.Agreements;
using TiersPayant.Features.Accounts;
using TiersPayant.Features.Agreements;
using TiersPayant.Features.Guard;

namespace TiersPayant.Portal.Assureur;

/// <summary>
/// The insurer back-office: the requests of the manager's own insurer that the rules could not
/// decide (a missing document, a price above the insurer's reference), to grant or refuse. It
/// shows the quote, the amounts the engine computed and what is missing, never who the patient
/// is; the professional sees the decision in the portal and through the API.
/// </summary>
[Authorize(Policy = PortalPolicies.InsurerBackOffice)]
[NoPersonalData]
public sealed class IndexModel(TiersPayantDbContext db, TimeProvider time, ILogger<IndexModel> logger) : PageModel
{
    public string InsurerName { get; private set; } = string.Empty;

    public List<(AgreementRecord Agreement, string Practice, AgreementAnswer Answer)> Pending { get; private set; } = [];

    public string? Decided { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation) =>
        await LoadAsync(cancellation) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync([FromForm] string? number, [FromForm] string? decision, CancellationToken cancellation)
    {
        var insurer = await InsurerAsync(cancellation);
        var agreement = insurer is null || number is not { Length: <= 20 } ? null
            : await db.Agreements.SingleOrDefaultAsync(a => a.Number == number && a.InsurerAmc == insurer && a.Status == "pending", cancellation);
        if (agreement is null || decision is not ("accept" or "refuse"))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return await LoadAsync(cancellation) ? Page() : Forbid();
        }

        var now = time.GetUtcNow();
        agreement.ReviewedAt = now.UtcDateTime;
        agreement.ReviewedBy = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (decision == "accept")
        {
            // Granted as computed, valid for the usual period from the care date.
            agreement.Status = "accepted";
            agreement.ValidUntil = agreement.CareDate.AddMonths(AgreementEngine.ValidityMonths).AddDays(-1);
            agreement.Reasons = string.Join(',', agreement.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Where(r => r is not ("missing-document" or "price-above-insurer-reference")).Append("accepted-by-insurer"));
        }
        else
        {
            agreement.Status = "refused";
            agreement.ValidUntil = null;
            agreement.Reasons = string.Join(',', agreement.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries).Append("refused-by-insurer"));
        }

        await db.SaveChangesAsync(cancellation);
        logger.LogInformation("Agreement {AgreementId} reviewed by {AccountId}: {Decision}", agreement.Id, agreement.ReviewedBy, agreement.Status);
        Decided = agreement.Status;
        return await LoadAsync(cancellation) ? Page() : Forbid();
    }

    public string Euros(long cents) => (cents / 100m).ToString("N2", CultureInfo.CurrentCulture) + " €";

    private async Task<string?> InsurerAsync(CancellationToken cancellation)
    {
        var id = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.InsurerAmc).SingleOrDefaultAsync(cancellation);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellation)
    {
        if (await InsurerAsync(cancellation) is not { } insurer)
        {
            return false; // a manager with no insurer manages nothing
        }

        InsurerName = await db.Insurers.AsNoTracking().Where(i => i.Amc == insurer).Select(i => i.Name).SingleOrDefaultAsync(cancellation) ?? insurer;
        var pending = await (
            from a in db.Agreements.AsNoTracking()
            join p in db.Practices.AsNoTracking() on a.PracticeId equals p.Id
            where a.InsurerAmc == insurer && a.Status == "pending"
            orderby a.CreatedAt
            select new { Agreement = a, Practice = p.Name + " (" + p.City + ")" }).Take(100).ToListAsync(cancellation);
        Pending = [.. pending.Select(x => (x.Agreement, x.Practice, AgreementRequests.Answer(x.Agreement)))];
        return true;
    }
}
