using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Accounts;
using TiersPayant.Guard;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Pages.Factures;

/// <summary>
/// <c>/factures/{number}</c>: one of the practice's invoices as adjudicated: its state, the
/// agreement it invoices, each line with its side and shares, the reasons in words. Read through
/// the guard like <c>GET /api/v1/claims/{claimId}</c> (a <c>care</c> disclosure, purpose
/// <c>claim</c>); never who the patient is. Another practice's number is a 404.
/// </summary>
[Authorize(Policy = PortalPolicies.Professional)]
[DisclosesPersonalData("claim")]
public sealed class DetailModel(Actors actors, ClaimSubmissions claims) : PageModel
{
    public ClaimAnswer? Answer { get; private set; }

    public GuardOutcome? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? number, CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        // A blank route value binds as null: no number, nothing to read.
        var outcome = number is not { Length: > 0 and <= 40 } ? ClaimOutcome.NotFound : await claims.ReadAsync(actor, number, cancellation);
        switch (outcome)
        {
            case { Answer: { } answer }:
                Answer = answer;
                return Page();
            case { Refusal: { } refusal } when GuardStepUp.Asked(refusal):
                return GuardStepUp.Redirect(this);
            case { Refusal: { } refusal }:
                Refused = refusal.Outcome;
                Response.StatusCode = refusal.Outcome switch
                {
                    GuardOutcome.Closed => StatusCodes.Status503ServiceUnavailable,
                    GuardOutcome.Throttle => StatusCodes.Status429TooManyRequests,
                    _ => StatusCodes.Status403Forbidden,
                };
                return Page();
            default:
                return NotFound();
        }
    }
}
