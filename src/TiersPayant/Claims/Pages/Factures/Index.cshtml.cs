using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Accounts;
using TiersPayant.Agreements;
using TiersPayant.Data;
using TiersPayant.Domain.Claims;
using TiersPayant.Guard;
using TiersPayant.Portal.Shared;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Pages.Factures;

/// <summary>
/// "Facturer": invoices one of the practice's agreements, line for line as agreed, on the care
/// date given. The form carries its own idempotency key, so a double click makes one invoice.
/// Below, the practice's invoices by state and date; an accepted one can be cancelled (once paid, the next payment recovers it).
/// </summary>
[Authorize(Policy = PortalPolicies.Professional)]
[DisclosesPersonalData("claim")]
public sealed partial class IndexModel(
    TiersPayantDbContext db, Actors actors, ClaimSubmissions claims, PatientReveal reveal, CheckedPatients checkedPatients, Domain.Agreements.ReferenceCodeTable codes, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? AgreementNumber { get; set; }

    [BindProperty]
    public string? CareDate { get; set; }

    [BindProperty]
    public string Key { get; set; } = string.Empty;

    public ClaimAnswer? Answer { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The page's and the engine's codes of <see cref="Errors"/>, by field.</summary>
    public IReadOnlyDictionary<string, string[]> ErrorCodes { get; private set; } = new Dictionary<string, string[]>();

    public string? Problem { get; private set; }

    /// <summary>The invoice that already invoiced the agreement typed, when that is why nothing was made.</summary>
    public string? InvoicedAs { get; private set; }

    public List<Data.Claims.ClaimRecord> Mine { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool HasNext { get; private set; }

    /// <summary>The patient of one row, shown on request.</summary>
    public PatientReveal.Shown? Patient { get; private set; }

    public async Task<IActionResult> OnPostPatientAsync([FromForm] string? claimId, CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        var claim = claimId is { Length: <= 20 }
            ? await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Number == claimId && c.PracticeId == actor.PracticeId, cancellation)
            : null;
        Patient = claim?.BeneficiaryId is { } beneficiary ? await reveal.ShowAsync(actor, beneficiary, claim.Number, "list", cancellation) : null;
        if (Patient is null)
        {
            Problem = claim is null ? null : "Throttled";
            Response.StatusCode = claim is null ? StatusCodes.Status404NotFound : StatusCodes.Status429TooManyRequests;
        }

        await LoadAsync(cancellation);
        return Page();
    }

    public async Task OnGetAsync(string? agreement, CancellationToken cancellation)
    {
        AgreementNumber = agreement is { Length: <= 20 } ? agreement : null;
        CareDate = Web.Localization.ParisTime.Today(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await LoadAsync(cancellation);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        var number = AgreementNumber?.Trim() ?? string.Empty;
        var agreement = number.Length is > 0 and <= 20
            ? await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Number == number && a.PracticeId == actor.PracticeId, cancellation)
            : null;
        // Refused before anything is created: a double click, or a second visit to an invoiced
        // agreement, leaves no rejected invoice behind.
        var earlier = agreement is null ? null : await db.Claims.AsNoTracking()
            .Where(c => c.PracticeId == actor.PracticeId && c.AgreementNumber == agreement.Number && c.Status == ClaimStatus.Accepted)
            .Select(c => new { c.Number, c.IdempotencyKey }).FirstOrDefaultAsync(cancellation);
        // The same form sent again (the second click of a double click, arriving once the first is
        // written) is answered with the invoice that form made, by its key, not refused.
        var invoiced = earlier is null || (ValidKey(Key) && earlier.IdempotencyKey == "portal-" + Key) ? null : earlier.Number;
        if (number.Length == 0 || agreement is null || invoiced is not null)
        {
            Errors = ErrorCodes = new Dictionary<string, string[]> { ["agreementNumber"] = [number.Length == 0 ? "required" : invoiced is null ? "unknown" : "already-invoiced"] };
            InvoicedAs = invoiced;
            Response.StatusCode = invoiced is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            await LoadAsync(cancellation);
            return Page();
        }

        // Invoiced as agreed: the lines of the agreement, at their agreed prices.
        var agreed = AgreementRequests.Answer(agreement).Lines;
        var body = new ClaimBody(number, null, null, null, CareDate,
            [.. agreed.Select(l => new AgreementLineBody(l.Code, l.Quantity, l.UnitPriceCents, l.Class, l.Side))], null);
        return await SubmitAsync(actor, body, cancellation);
    }

    // The form's key makes a double click one invoice; a new form (after an invoice) gets a new key.
    private async Task<IActionResult> SubmitAsync(Actor actor, ClaimBody body, CancellationToken cancellation)
    {
        if (!ValidKey(Key))
        {
            Key = string.Empty;
        }

        var outcome = await claims.SubmitAsync(actor, "portal-" + (Key.Length > 0 ? Key : NewKey()), JsonSerializer.SerializeToUtf8Bytes(body), body, cancellation);
        if (GuardStepUp.Asked(outcome.Refusal))
        {
            return GuardStepUp.Redirect(this);
        }

        switch (outcome)
        {
            case { Errors: { } errors }:
                Errors = Web.Localization.FieldMessages.Renumber(errors, SentRows);
                ErrorCodes = Web.Localization.FieldMessages.Renumber(outcome.Codes, SentRows);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case { Refusal: { } refusal }:
                Problem = refusal.Outcome == GuardOutcome.Closed ? "InsurerClosed" : "Throttled";
                Response.StatusCode = refusal.Outcome switch { GuardOutcome.Throttle => StatusCodes.Status429TooManyRequests, GuardOutcome.Closed => StatusCodes.Status503ServiceUnavailable, _ => StatusCodes.Status403Forbidden };
                break;
            case { ConflictReason: not null }:
                Problem = "Conflict";
                Response.StatusCode = StatusCodes.Status409Conflict;
                Key = string.Empty;
                break;
            default:
                Answer = outcome.Answer;
                Key = string.Empty; // an invoice was made: the next one is another form
                if (Answer!.Status == ClaimStatus.Accepted.Code())
                {
                    // Done: the form is emptied, so that a second click has nothing to invoice again.
                    ModelState.Clear();
                    (AgreementNumber, CareDate) = (null, Web.Localization.ParisTime.Today(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    ClearDirect();
                }

                break;
        }

        await LoadAsync(cancellation);
        return Page();
    }

    private static bool ValidKey(string? key) => key is { Length: > 0 and <= ClaimSubmissions.MaxKeyLength - 7 } && key.All(char.IsAsciiHexDigit);

    private static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// "Annuler" asks first: without <paramref name="confirmed"/> the page shows the invoice and a
    /// second button; only that second submit cancels (no script needed).
    /// </summary>
    public async Task<IActionResult> OnPostCancelAsync([FromForm] string? claimId, [FromForm] bool confirmed, CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        if (!confirmed)
        {
            ToCancel = claimId is { Length: > 0 and <= 20 }
                ? await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Number == claimId && c.PracticeId == actor.PracticeId, cancellation)
                : null;
            Problem = ToCancel is null || ClaimStatuses.WhyNotCancellable(ToCancel.Status) is not null ? "CannotCancel" : null;
            ToCancel = Problem is null ? ToCancel : null;
            await LoadAsync(cancellation);
            return Page();
        }

        var outcome = claimId is { Length: > 0 and <= 20 } ? await claims.CancelAsync(actor, claimId, cancellation) : ClaimOutcome.NotFound;
        Problem = outcome.Answer is null ? "CannotCancel" : null;
        Answer = outcome.Answer;
        await LoadAsync(cancellation);
        return Page();
    }

    /// <summary>The invoice whose cancellation waits for its confirmation.</summary>
    public Data.Claims.ClaimRecord? ToCancel { get; private set; }

    public string Euros(long cents) => (cents / 100m).ToString("N2", CultureInfo.CurrentCulture) + " €";

    private async Task LoadAsync(CancellationToken cancellation)
    {
        await LoadDirectAsync(cancellation);
        CareDate ??= Web.Localization.ParisTime.Today(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // shown again after a cancel or a reveal
        // One key per form shown: kept while the same form is shown again (an error, a refusal), new once an invoice was made.
        Key = ValidKey(Key) ? Key : NewKey();
        var practice = PracticePages.PracticeOf(User);
        var query = db.Claims.AsNoTracking().Where(c => c.PracticeId == practice);
        if (ClaimStatuses.TryParse(Status, out var status))
        {
            query = query.Where(c => c.Status == status);
        }

        if (PracticePages.FilterDate(From) is { } from)
        {
            query = query.Where(c => c.CareDate >= from);
        }

        if (PracticePages.FilterDate(To) is { } to)
        {
            query = query.Where(c => c.CareDate <= to);
        }

        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        (Mine, HasNext) = await PracticePages.PageAsync(query.OrderByDescending(c => c.CreatedAt), PageNumber, cancellation);
    }
}
