using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Accounts;
using TiersPayant.Data;
using TiersPayant.Data.Agreements;
using TiersPayant.Domain.Agreements;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements.Pages.Assureur;

/// <summary>
/// The insurer back-office: the requests of the manager's own insurer that the rules could not
/// decide (a missing document, a price above the insurer's reference), to grant or refuse. The
/// queue says which requests wait and from which practice; a request's quote and amounts open one
/// at a time, through the guard with the manager's own caps, each opening and each decision
/// recorded as a disclosure with the role. Never who the patient is.
/// </summary>
[Authorize(Policy = PortalPolicies.InsurerBackOffice)]
[NoPersonalData]
public sealed class IndexModel(TiersPayantDbContext db, Actors actors, GuardedBeneficiaries beneficiaries, TimeProvider time, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The disclosure purpose of a manager reading or deciding a request.</summary>
    public const string Purpose = "agreement-review";

    public string InsurerName { get; private set; } = string.Empty;

    public List<(AgreementRecord Agreement, string Practice)> Pending { get; private set; } = [];

    /// <summary>The request opened, with its quote.</summary>
    public (AgreementRecord Agreement, string Practice, AgreementAnswer Answer)? Opened { get; private set; }

    /// <summary>The guard refused to open a request (the manager's caps).</summary>
    public bool Throttled { get; private set; }

    /// <summary>A switch closes this insurer\'s data for now.</summary>
    public bool InsurerClosed { get; private set; }

    public string? Decided { get; private set; }

    /// <summary>The documents attached to the request opened, to download one at a time (each recorded).</summary>
    public IReadOnlyList<AttachedDocument> OpenedDocuments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "numero")] string? number, CancellationToken cancellation)
    {
        if (await actors.StaffOfAsync(HttpContext, StaffRoles.InsurerManager, cancellation) is not { InsurerAmc: { } } staff)
        {
            return Forbid(); // a manager with no insurer manages nothing
        }

        await LoadAsync(staff, cancellation);
        if (number is { Length: > 0 })
        {
            var agreement = await PendingAsync(staff, number, tracked: false, cancellation);
            if (agreement is null)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            }

            if (!await DiscloseAsync(staff, agreement, cancellation))
            {
                return Page();
            }

            Opened = (agreement, Pending.FirstOrDefault(p => p.Agreement.Id == agreement.Id).Practice ?? string.Empty, AgreementRequests.Answer(agreement));
            OpenedDocuments = await AgreementDocuments.ListAsync(db, agreement.Id, cancellation);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? number, [FromForm] string? decision, CancellationToken cancellation)
    {
        if (await actors.StaffOfAsync(HttpContext, StaffRoles.InsurerManager, cancellation) is not { InsurerAmc: { } } staff)
        {
            return Forbid();
        }

        var agreement = number is { Length: <= 20 } ? await PendingAsync(staff, number, tracked: true, cancellation) : null;
        if (agreement is null || decision is not ("accept" or "refuse"))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            await LoadAsync(staff, cancellation);
            return Page();
        }

        // Deciding reads the request's care: through the guard, recorded with the role.
        if (!await DiscloseAsync(staff, agreement, cancellation))
        {
            await LoadAsync(staff, cancellation);
            return Page();
        }

        var reviewed = AgreementReview.Decide(agreement.Status, decision == "accept", agreement.CareDate, agreement.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries));
        agreement.Status = reviewed.Status;
        agreement.ValidUntil = reviewed.ValidUntil;
        agreement.Reasons = string.Join(',', reviewed.Reasons);
        agreement.ReviewedAt = time.GetUtcNow().UtcDateTime;
        agreement.ReviewedBy = staff.AccountId;
        await db.SaveChangesAsync(cancellation);
        logger.LogInformation("Agreement {AgreementId} reviewed by {AccountId}: {Decision}", agreement.Id, agreement.ReviewedBy, agreement.Status);
        Decided = agreement.Status.Code();
        await LoadAsync(staff, cancellation);
        return Page();
    }

    public string Euros(long cents) => (cents / 100m).ToString("N2", CultureInfo.CurrentCulture) + " €";

    private async Task<bool> DiscloseAsync(StaffActor staff, AgreementRecord agreement, CancellationToken cancellation)
    {
        var match = await beneficiaries.ForStaffAsync(staff, agreement.BeneficiaryId, cancellation);
        if (match.Refusal is { } refusal)
        {
            if (refusal.Outcome == GuardOutcome.Closed)
            {
                InsurerClosed = true;
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return false;
            }

            Throttled = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Web.Problems.RetryAfter.Set(Response, refusal.RetryAfter ?? TimeSpan.FromMinutes(1));
            return false;
        }

        if (match.Beneficiary is not { } guarded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        await guarded.DiscloseAsync(BeneficiaryViews.Care, Purpose, agreement.Number, cancellation);
        return true;
    }

    private Task<AgreementRecord?> PendingAsync(StaffActor staff, string number, bool tracked, CancellationToken cancellation)
    {
        var agreements = tracked ? db.Agreements : db.Agreements.AsNoTracking();
        return agreements.SingleOrDefaultAsync(a => a.Number == number && a.InsurerAmc == staff.InsurerAmc && a.Status == AgreementStatus.Pending, cancellation);
    }

    private async Task LoadAsync(StaffActor staff, CancellationToken cancellation)
    {
        var insurer = staff.InsurerAmc!;
        InsurerName = await db.Insurers.AsNoTracking().Where(i => i.Amc == insurer).Select(i => i.Name).SingleOrDefaultAsync(cancellation) ?? insurer;
        var queue = await (
            from a in db.Agreements.AsNoTracking()
            join p in db.Practices.AsNoTracking() on a.PracticeId equals p.Id
            where a.InsurerAmc == insurer && a.Status == AgreementStatus.Pending
            orderby a.CreatedAt
            select new { Agreement = a, Practice = p.Name + " (" + p.City + ")" }).Take(100).ToListAsync(cancellation);
        Pending = [.. queue.Select(x => (x.Agreement, x.Practice))];
    }
}
