using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using TiersPayant.Agreements;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Practices;
using TiersPayant.Eligibility;
using TiersPayant.Portal.Shared;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Pages.Factures;

/// <summary>
/// "Facturer" from the rights check, for the domains invoiced without a prior agreement (the
/// pharmacy): the invoice is bound to the patient just checked, kept on the server for this
/// session; the page carries only its handle and asks nothing of the patient again.
/// </summary>
public sealed partial class IndexModel
{
    public const int DirectRows = 4;

    [BindProperty]
    public DirectForm Direct { get; set; } = new();

    /// <summary>The patient carried from the rights check, when the direct invoice form is shown.</summary>
    public CheckedPatient? Checked { get; private set; }

    /// <summary>The covered domains of the checked patient that this practice invoices directly.</summary>
    public List<CareDomain> DirectDomains { get; private set; } = [];

    public List<ReferenceCode> DirectCodes { get; private set; } = [];

    // The direct form's row of each line sent: the body holds only the rows with a code.
    private List<int> SentRows { get; set; } = [];

    public sealed class DirectForm
    {
        /// <summary>The handle of this session's checked patient.</summary>
        public Guid? CheckedPatient { get; set; }
        public string? Domain { get; set; }
        public string? CareDate { get; set; }
        public string? PrescriptionDate { get; set; }
        public string? Prescriber { get; set; }
        public List<DirectLine> Lines { get; set; } = [];
    }

    public sealed class DirectLine
    {
        public string? Code { get; set; }
        public int? Quantity { get; set; }
        public string? UnitPrice { get; set; }
    }

    /// <summary>"Facturer" on the rights check's answer: the direct invoice form for that patient.</summary>
    public async Task<IActionResult> OnPostCheckedAsync([FromForm] Guid? checkedPatient, CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        ModelState.Clear();
        Key = string.Empty;
        CareDate = Web.Localization.ParisTime.Today(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Checked = checkedPatient is { } handle ? await checkedPatients.FindAsync(actor, handle, cancellation) : null;
        if (Checked is null)
        {
            Problem = "CheckedPatientExpired";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Direct = new DirectForm { CheckedPatient = Checked.Handle, CareDate = Checked.CareDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }

        await LoadAsync(cancellation);
        Direct.Domain ??= DirectDomains.FirstOrDefault().Code();
        return Page();
    }

    /// <summary>The direct invoice: the carried patient, whatever else the form says about who it is for.</summary>
    public async Task<IActionResult> OnPostDirectAsync(CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        CareDate = Web.Localization.ParisTime.Today(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Checked = Direct.CheckedPatient is { } handle ? await checkedPatients.FindAsync(actor, handle, cancellation) : null;
        if (Checked is null)
        {
            // Expired, or another session's: nobody is invoiced.
            Problem = "CheckedPatientExpired";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Direct = new DirectForm();
            await LoadAsync(cancellation);
            return Page();
        }

        // Every row with a code goes to the rules, a wrong quantity or price as a value they refuse,
        // so that one answer names every wrong field at once (the lines and the rest).
        var lines = new List<AgreementLineBody>();
        SentRows = [];
        foreach (var (line, i) in Direct.Lines.Select((l, i) => (l, i)).Where(x => !string.IsNullOrWhiteSpace(x.l.Code)))
        {
            var quantity = ModelState.TryGetValue($"Direct.Lines[{i}].Quantity", out var typed) && typed.Errors.Count > 0 ? 0 : line.Quantity ?? 1;
            var cents = decimal.TryParse(line.UnitPrice?.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var euros)
                && euros is > 0 and < 1_000_000_000 ? (long)Math.Round(euros * 100) : 0;
            SentRows.Add(i);
            lines.Add(new AgreementLineBody(line.Code, quantity, cents, null, null));
        }

        var card = Checked.Card;
        var body = new ClaimBody(null,
            new EligibilityCard(card.Insurer.Value, card.MemberNumber),
            new EligibilityPerson(card.LastName, card.FirstName, card.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), card.BirthRank),
            Direct.Domain, Direct.CareDate, lines,
            string.IsNullOrWhiteSpace(Direct.PrescriptionDate) && string.IsNullOrWhiteSpace(Direct.Prescriber) ? null : new PrescriptionBody(Direct.PrescriptionDate, Direct.Prescriber, null));
        return await SubmitAsync(actor, body, cancellation);
    }

    // After an accepted direct invoice the patient stays carried; the lines start afresh.
    private void ClearDirect()
    {
        if (Checked is not null)
        {
            Direct = new DirectForm { CheckedPatient = Checked.Handle, Domain = Direct.Domain, CareDate = Direct.CareDate };
        }
    }

    private async Task LoadDirectAsync(CancellationToken cancellation)
    {
        if (Checked is null)
        {
            return;
        }

        var profession = await PracticePages.ProfessionAsync(db, User, cancellation);
        DirectDomains = [.. Checked.Covered.Where(d => profession?.Domains().Contains(d) == true && !AgreementRequests.Domains.Contains(d))];
        DirectCodes = [.. DirectDomains.SelectMany(codes.ForDomain)];
        while (Direct.Lines.Count < DirectRows)
        {
            Direct.Lines.Add(new DirectLine { Quantity = 1 });
        }
    }
}
