using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Accounts;
using TiersPayant.Data;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Practices;
using TiersPayant.Eligibility;
using TiersPayant.Guard;
using TiersPayant.Portal.Shared;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements.Pages.PrisesEnCharge;

/// <summary>
/// "Demande de prise en charge": the optician, audioprosthetist or dentist types the card, the
/// person, the quote and the prescription; the engine answers at once (or the request waits for
/// the insurer). Documents (prescription, signed quote…) are uploaded with the form, checked by
/// their content and stored encrypted with the agreement. Below, the practice's own agreements, by
/// state and date, a page at a time; they show numbers, dates and amounts, never who; a number
/// opens the agreement's page.
/// </summary>
[Authorize(Policy = PortalPolicies.Professional)]
[DisclosesPersonalData("agreement")]
public sealed class IndexModel(
    TiersPayantDbContext db, Actors actors, AgreementRequests agreements, PatientReveal reveal, Documents.DocumentUploads uploads,
    CheckedPatients checkedPatients, ReferenceCodeTable codes, TimeProvider time) : PageModel
{
    public const int LineRows = 4;

    private static readonly decimal MaxEuros = AgreementValidator.MaxUnitPrice.Cents / 100m;

    [BindProperty]
    public Form Input { get; set; } = new();

    public List<(string Amc, string Name)> Insurers { get; private set; } = [];

    public List<CareDomain> Domains { get; private set; } = [];

    public List<ReferenceCode> Codes { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The engine's codes of <see cref="Errors"/>, by field, where it named the field.</summary>
    public IReadOnlyDictionary<string, string[]> ErrorCodes { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The patient carried from the rights check: the form asks nothing of them again.</summary>
    public CheckedPatient? Checked { get; private set; }

    public AgreementAnswer? Answer { get; private set; }

    public bool NoMatch { get; private set; }

    public bool Throttled { get; private set; }

    /// <summary>A switch closes the data of this patient\'s insurer for now.</summary>
    public bool InsurerClosed { get; private set; }

    public List<Data.Agreements.AgreementRecord> Mine { get; private set; } = [];

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

    public async Task<IActionResult> OnPostPatientAsync([FromForm] string? number, CancellationToken cancellation)
    {
        await LoadAsync(cancellation);
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        var agreement = number is { Length: <= 20 }
            ? await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Number == number && a.PracticeId == actor.PracticeId, cancellation)
            : null;
        Patient = agreement is null ? null : await reveal.ShowAsync(actor, agreement.BeneficiaryId, agreement.Number, "list", cancellation);
        if (Patient is null)
        {
            Throttled = agreement is not null;
            Response.StatusCode = agreement is null ? StatusCodes.Status404NotFound : StatusCodes.Status429TooManyRequests;
        }

        return Page();
    }

    public sealed class Form
    {
        /// <summary>The handle of this session's checked patient; the patient fields below are then ignored.</summary>
        public Guid? CheckedPatient { get; set; }
        public string? Insurer { get; set; }
        public string? MemberNumber { get; set; }
        public string? LastName { get; set; }
        public string? FirstName { get; set; }
        public string? BirthDate { get; set; }
        public int? BirthRank { get; set; }
        public string? CareDate { get; set; }
        public string? Domain { get; set; }
        public List<LineForm> Lines { get; set; } = [];
        public string? PrescriptionDate { get; set; }
        public string? Prescriber { get; set; }
        public string? RightSphere { get; set; }
        public string? RightCylinder { get; set; }
        public int? RightAxis { get; set; }
        public string? RightAddition { get; set; }
        public string? LeftSphere { get; set; }
        public string? LeftCylinder { get; set; }
        public int? LeftAxis { get; set; }
        public string? LeftAddition { get; set; }
        public bool CorrectionChanged { get; set; }
        public DocumentFiles Files { get; set; } = new();
    }

    /// <summary>The files chosen, one per kind of document (fields <c>Input.Files.prescription</c>…).</summary>
    public sealed class DocumentFiles
    {
        public IFormFile? Prescription { get; set; }
        public IFormFile? Quote { get; set; }
        public IFormFile? Audiogram { get; set; }
        public IFormFile? Radiograph { get; set; }

        public IEnumerable<(SupportingDocument Kind, IFormFile? File)> All() =>
        [
            (SupportingDocument.Prescription, Prescription), (SupportingDocument.Quote, Quote),
            (SupportingDocument.Audiogram, Audiogram), (SupportingDocument.Radiograph, Radiograph),
        ];
    }

    /// <summary>The largest document accepted, in megabytes, for the form's hint.</summary>
    public string MaxDocumentMegabytes => (uploads.MaxBytes / (1024m * 1024m)).ToString("0.#", CultureInfo.CurrentCulture);

    public sealed class LineForm
    {
        public string? Code { get; set; }
        public int? Quantity { get; set; }
        public string? UnitPrice { get; set; }
        public string? Side { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellation)
    {
        await LoadAsync(cancellation);
        Input.CareDate = Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Input.Domain = Domains.FirstOrDefault().Code();
    }

    /// <summary>"Demander une prise en charge" from the rights check: the form for the patient just checked.</summary>
    public async Task<IActionResult> OnPostCheckedAsync([FromForm] Guid? checkedPatient, CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        await OnGetAsync(cancellation);
        ModelState.Clear();
        Checked = checkedPatient is { } handle ? await checkedPatients.FindAsync(actor, handle, cancellation) : null;
        if (Checked is null)
        {
            Invalid(new Dictionary<string, string[]> { ["checkedPatient"] = ["expired"] }, null);
            return Page();
        }

        Input.CheckedPatient = Checked.Handle;
        Input.CareDate = Checked.CareDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Input.Domain = Domains.Where(Checked.Covered.Contains).Select(d => d.Code()).FirstOrDefault() ?? Input.Domain;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        if (await actors.OfAsync(HttpContext, Channels.Portal, cancellation) is not { } actor)
        {
            return Forbid();
        }

        if (GuardStepUp.Asked(await RequestAsync(actor, cancellation)))
        {
            return GuardStepUp.Redirect(this);
        }

        await LoadAsync(cancellation);
        return Page();
    }

    // Returns the guard's refusal, if it refused.
    private async Task<GuardDecision?> RequestAsync(Actor actor, CancellationToken cancellation)
    {
        if (Input.CheckedPatient is { } handle && (Checked = await checkedPatients.FindAsync(actor, handle, cancellation)) is null)
        {
            // Expired, or not this session's: nobody is carried, and nothing is asked for anyone.
            Input.CheckedPatient = null;
            Invalid(new Dictionary<string, string[]> { ["checkedPatient"] = ["expired"] }, null);
            return null;
        }

        // Every wrong field at once: the form's own reading (keyed by the form's rows), then the engine's.
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lines = new List<AgreementLineBody>();
        var rows = new List<int>();
        foreach (var (line, i) in Input.Lines.Select((l, i) => (l, i)).Where(x => !string.IsNullOrWhiteSpace(x.l.Code)))
        {
            var code = codes.Find(line.Code);
            // A quantity that does not bind (too long, not a number) is left null by the binder: it must not become 1.
            if (ModelState.TryGetValue($"Input.Lines[{i}].Quantity", out var quantity) && quantity.Errors.Count > 0)
            {
                errors[$"lines[{i}].quantity"] = ["quantity"];
            }

            // Bounded before it becomes cents: past the engine's ceiling the conversion would overflow.
            var priced = decimal.TryParse(line.UnitPrice?.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var euros)
                && euros > 0 && euros <= MaxEuros;
            if (!priced)
            {
                errors[$"lines[{i}].unitPriceCents"] = ["price"];
            }

            // A line with a wrong price is still checked for the rest (a cent stands in for its price).
            rows.Add(i);
            lines.Add(new AgreementLineBody(line.Code, line.Quantity ?? 1, priced ? (long)Math.Round(euros * 100) : 1, code?.Class?.Code(), code?.Kind.HasSide() == true ? line.Side : null));
        }

        // Checked before anything is read of anyone: too large, or not a PDF, PNG or JPEG by content.
        var documents = await uploads.ReadAsync(Input.Files.All(), errors, cancellation);

        var (card, person) = Checked is { Card: var c }
            ? (new EligibilityCard(c.Insurer.Value, c.MemberNumber), new EligibilityPerson(c.LastName, c.FirstName, c.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.BirthRank))
            : (new EligibilityCard(Input.Insurer, Input.MemberNumber), new EligibilityPerson(Input.LastName, Input.FirstName, Input.BirthDate, Input.BirthRank));
        var body = new AgreementBody(card, person, Input.CareDate, Input.Domain, lines,
            string.IsNullOrEmpty(Input.PrescriptionDate) ? null : new PrescriptionBody(Input.PrescriptionDate, Input.Prescriber, Correction(errors), Input.CorrectionChanged),
            null);
        if (errors.Count > 0)
        {
            // Nobody is looked for while the form itself is wrong; the engine still names its fields.
            var reading = AgreementValidation.Check(body, actor.Profession, Today(), codes);
            Invalid(Merge(errors, reading.Errors, rows), Renumber(reading.Codes, rows));
            return null;
        }

        var outcome = await agreements.RequestAsync(actor, body, cancellation, documents);
        switch (outcome)
        {
            case { Errors: { } invalid }:
                Invalid(Renumber(invalid, rows), Renumber(outcome.Codes, rows));
                break;
            case { Refusal: { } refusal }:
                (Throttled, InsurerClosed) = (refusal.Outcome != GuardOutcome.Closed, refusal.Outcome == GuardOutcome.Closed);
                Response.StatusCode = refusal.Outcome switch { GuardOutcome.Throttle => StatusCodes.Status429TooManyRequests, GuardOutcome.Closed => StatusCodes.Status503ServiceUnavailable, _ => StatusCodes.Status403Forbidden };
                break;
            case { NotFound: true }:
                NoMatch = true;
                break;
            default:
                Answer = outcome.Answer;
                // Decided: a clean form (the answer above keeps the number); a carried patient stays for another request.
                ModelState.Clear();
                Input = new Form { CareDate = Input.CareDate, Domain = Input.Domain, CheckedPatient = Checked?.Handle };
                break;
        }

        return outcome.Refusal;
    }

    // The form's errors first; the engine's for the fields the form did not name.
    private static Dictionary<string, string[]> Merge(Dictionary<string, string[]> form, IReadOnlyDictionary<string, string[]> engine, List<int> rows)
    {
        foreach (var (field, messages) in Renumber(engine, rows))
        {
            form.TryAdd(field, messages);
        }

        return form;
    }

    private static Dictionary<string, string[]> Renumber(IReadOnlyDictionary<string, string[]> errors, List<int> rows) =>
        Web.Localization.FieldMessages.Renumber(errors, rows);

    public string Euros(long cents) => (cents / 100m).ToString("N2", CultureInfo.CurrentCulture) + " €";

    private void Invalid(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string[]>? codes)
    {
        (Errors, ErrorCodes) = (errors, codes ?? new Dictionary<string, string[]>());
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    // Dioptres typed with a point or a comma, whatever the page's language; a value that is not a number is named, not dropped.
    private CorrectionBody? Correction(Dictionary<string, string[]> errors)
    {
        EyeBody? Eye(string side, string? sphere, string? cylinder, int? axis, string? addition) =>
            string.IsNullOrWhiteSpace(sphere) && string.IsNullOrWhiteSpace(cylinder) && string.IsNullOrWhiteSpace(addition) ? null : new EyeBody(
                Diopters(sphere, $"prescription.correction.{side}.sphere", errors), Diopters(cylinder, $"prescription.correction.{side}.cylinder", errors),
                axis ?? 0, Diopters(addition, $"prescription.correction.{side}.addition", errors));
        var right = Eye("right", Input.RightSphere, Input.RightCylinder, Input.RightAxis, Input.RightAddition);
        var left = Eye("left", Input.LeftSphere, Input.LeftCylinder, Input.LeftAxis, Input.LeftAddition);
        return right is null && left is null ? null : new CorrectionBody(right, left);
    }

    private static decimal Diopters(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        if (decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = ["not-a-number"];
        return 0;
    }

    private DateOnly Today() => Web.Localization.ParisTime.Today(time);

    private async Task LoadAsync(CancellationToken cancellation)
    {
        Insurers = await PracticePages.InsurersAsync(db, cancellation);
        Domains = await PracticePages.ProfessionAsync(db, User, cancellation) is { } profession ? [.. profession.Domains().Where(AgreementRequests.Domains.Contains)] : [];
        Codes = [.. Domains.SelectMany(codes.ForDomain)];
        while (Input.Lines.Count < LineRows)
        {
            Input.Lines.Add(new LineForm { Quantity = 1 });
        }

        var practice = PracticePages.PracticeOf(User);
        var query = db.Agreements.AsNoTracking().Where(a => a.PracticeId == practice);
        if (AgreementStatuses.TryParse(Status, out var status))
        {
            query = query.Where(a => a.Status == status);
        }

        if (PracticePages.FilterDate(From) is { } from)
        {
            query = query.Where(a => a.CareDate >= from);
        }

        if (PracticePages.FilterDate(To) is { } to)
        {
            query = query.Where(a => a.CareDate <= to);
        }

        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        (Mine, HasNext) = await PracticePages.PageAsync(query.OrderByDescending(a => a.CreatedAt), PageNumber, cancellation);
    }
}
