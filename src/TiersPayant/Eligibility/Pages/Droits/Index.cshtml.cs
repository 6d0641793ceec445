using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Accounts;
using TiersPayant.Data;
using TiersPayant.Domain;
using TiersPayant.Domain.Eligibility;
using TiersPayant.Domain.Practices;
using TiersPayant.Guard;
using TiersPayant.Portal.Shared;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Guard;

namespace TiersPayant.Eligibility.Pages.Droits;

/// <summary>
/// "Vérifier les droits": the professional types what the patient's card and identity say; the
/// answer is the coverage per domain, never anything about the person they did not type.
/// </summary>
[Authorize(Policy = PortalPolicies.Professional)]
[DisclosesPersonalData("eligibility")]
public sealed class IndexModel(
    TiersPayantDbContext db, Actors actors, EligibilityCheck check, CheckedPatients checkedPatients, AccountNotifications notifications, TimeProvider time) : PageModel
{
    [BindProperty]
    public Form Input { get; set; } = new();

    public List<(string Amc, string Name)> Insurers { get; private set; } = [];

    public List<string> ProfessionDomains { get; private set; } = [];

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public EligibilityAnswer? Answer { get; private set; }

    public bool Throttled { get; private set; }

    /// <summary>
    /// The patient just found, kept server-side for the next steps of the visit: the buttons below
    /// the answer carry only this handle, which no other session can use.
    /// </summary>
    public Guid? CheckedPatient { get; private set; }

    /// <summary>Notices about the account not read yet: this page is where a login lands, the notices are on <c>/compte</c>.</summary>
    public int UnreadNotices { get; private set; }

    /// <summary>Covered domains where the next step is a prior agreement ("Demander une prise en charge").</summary>
    public List<string> AgreementDomains { get; private set; } = [];

    /// <summary>Covered domains invoiced directly, without an agreement ("Facturer").</summary>
    public List<string> DirectDomains { get; private set; } = [];

    /// <summary>A switch closes the data of this patient\'s insurer for now.</summary>
    public bool InsurerClosed { get; private set; }

    public sealed class Form
    {
        public string? Insurer { get; set; }

        public string? MemberNumber { get; set; }

        public string? LastName { get; set; }

        public string? FirstName { get; set; }

        public string? BirthDate { get; set; }

        public int? BirthRank { get; set; }

        public string? CareDate { get; set; }

        public List<string> Domains { get; set; } = [];
    }

    public async Task OnGetAsync(CancellationToken cancellation)
    {
        await LoadAsync(cancellation);
        Input.CareDate = Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Input.Domains = ProfessionDomains;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        await LoadAsync(cancellation);
        var request = new EligibilityRequest(
            new EligibilityCard(Input.Insurer, Input.MemberNumber),
            new EligibilityPerson(Input.LastName, Input.FirstName, Input.BirthDate, Input.BirthRank),
            string.IsNullOrEmpty(Input.CareDate) ? null : Input.CareDate, Input.Domains);
        var (query, errors) = EligibilityValidator.Validate(request, Today());
        if (query is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        var outcome = await check.CheckAsync(actor, query, cancellation);
        if (GuardStepUp.Asked(outcome.Refusal))
        {
            return GuardStepUp.Redirect(this);
        }

        if (outcome.Refusal is { } refusal)
        {
            (Throttled, InsurerClosed) = (refusal.Outcome != GuardOutcome.Closed, refusal.Outcome == GuardOutcome.Closed);
            Response.StatusCode = refusal.Outcome switch { GuardOutcome.Throttle => StatusCodes.Status429TooManyRequests, GuardOutcome.Closed => StatusCodes.Status503ServiceUnavailable, _ => StatusCodes.Status403Forbidden };
            if (refusal.RetryAfter is { } after)
            {
                Web.Problems.RetryAfter.Set(Response, after);
            }

            return Page();
        }

        Answer = outcome.Answer!;
        await OfferNextStepsAsync(actor, query, Answer, cancellation);
        if (Answer.Status != EligibilityStatus.NoMatch.Code())
        {
            // Found: the next patient starts from a clean form. Not found: the form stays, to fix a typo.
            ModelState.Clear();
            Input = new Form { CareDate = Input.CareDate, Domains = Input.Domains };
        }

        return Page();
    }

    public bool HasError(string field) => Errors.ContainsKey(field);

    // A person found with covered domains of this profession: what was typed is kept for the agreement or the invoice.
    private async Task OfferNextStepsAsync(Actor actor, EligibilityQuery query, EligibilityAnswer answer, CancellationToken cancellation)
    {
        var covered = answer.Coverage.Where(c => c.Covered)
            .Select(c => CareDomains.TryParse(c.Domain, out var domain) ? domain : (CareDomain?)null)
            .OfType<CareDomain>().Where(actor.Profession.Domains().Contains).ToList();
        if (covered.Count == 0)
        {
            return;
        }

        CheckedPatient = await checkedPatients.RememberAsync(actor, query.Card, answer.Reference, query.CareDate, covered, cancellation);
        AgreementDomains = [.. covered.Where(Agreements.AgreementRequests.Domains.Contains).Select(d => d.Code())];
        DirectDomains = [.. covered.Where(d => !Agreements.AgreementRequests.Domains.Contains(d)).Select(d => d.Code())];
    }

    private DateOnly Today() => Web.Localization.ParisTime.Today(time);

    private async Task LoadAsync(CancellationToken cancellation)
    {
        Insurers = await PracticePages.InsurersAsync(db, cancellation);
        UnreadNotices = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var account) ? await notifications.CountUnshownAsync(account, cancellation) : 0;
        ProfessionDomains = await PracticePages.ProfessionAsync(db, User, cancellation) is { } profession ? [.. profession.Domains().Select(d => d.Code())] : [];
    }
}
