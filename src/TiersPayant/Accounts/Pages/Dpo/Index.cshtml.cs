using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Cli;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Security.Audit;

namespace TiersPayant.Accounts.Pages.Dpo;

/// <summary>
/// The data-protection officer's page: the breach scope of <c>tiers breach scope</c> from a form
/// (logins, API clients, practices, source addresses, a window in Paris time): how many people,
/// exactly, which fields, per insurer, and each person exposed (the platform's identifiers, never
/// a name or a NIR), with the JSON to download; then the breach recorded (its 72-hour clock runs
/// from then, shown for every breach) and its GDPR drafts downloaded as one ZIP archive. Staff
/// with a passkey and the dpo role. The scope names people by the platform's identifiers only;
/// the drafts' letters carry names and membership numbers, read through the named door of
/// <see cref="BreachRegister"/>, each person recorded in the disclosure log.
/// </summary>
[Authorize(Policy = PortalPolicies.DataProtection)]
[DisclosesPersonalData("breach-notice")]
public sealed class IndexModel(TiersPayantDbContext db, BreachScope breachScope, BreachRegister register, TimeProvider time) : PageModel
{
    /// <summary>The most people listed on the page; the download has them all.</summary>
    public const int Listed = 500;

    [BindProperty]
    public ScopeForm Form { get; set; } = new();

    public ScopeResult? Scope { get; private set; }

    public List<string> Errors { get; } = [];

    /// <summary>Recorded breaches, newest first.</summary>
    public IReadOnlyList<Breach> Breaches { get; private set; } = [];

    /// <summary>The platform's now, for the 72-hour clocks.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    public string? Recorded { get; private set; }

    [BindProperty]
    public string? Nature { get; set; }

    [BindProperty]
    public string? Measures { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Breaches = await register.ListAsync(HttpContext.RequestAborted);
        await next();
    }

    public void OnGet()
    {
        var now = Web.Localization.ParisTime.Of(time.GetUtcNow());
        Form = new ScopeForm { From = now.Date.AddDays(-7).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), To = now.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        if (await QueryAsync(cancellation) is { } query)
        {
            Scope = await breachScope.ComputeAsync(query, cancellation);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostJsonAsync(CancellationToken cancellation)
    {
        if (await QueryAsync(cancellation) is not { } query)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var scope = await breachScope.ComputeAsync(query, cancellation);
        var document = ScopeDocument.Of(scope, Words(Form.Accounts));
        return File(JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }),
            "application/json", "perimetre-violation.json");
    }

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken cancellation)
    {
        foreach (var (field, value) in new[] { ("Nature", Nature), ("Measures", Measures), ("Contact", Contact) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > (field == "Contact" ? 500 : 4000))
            {
                Errors.Add("Missing:" + field);
            }
        }

        var query = await QueryAsync(cancellation);
        if (query is null || Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var breach = await register.RecordAsync(query, Nature!, Measures!, Contact!, User.Identity?.Name ?? "?", cancellation);
        Scope = await breachScope.ComputeAsync(query, cancellation);
        Breaches = await register.ListAsync(cancellation);
        Recorded = breach.Id.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostDraftsAsync([FromForm] Guid breachId, CancellationToken cancellation)
    {
        if (await register.FindAsync(breachId, cancellation) is not { } breach)
        {
            return NotFound();
        }

        var facts = await register.FactsAsync(breach, cancellation);
        return File(Audit.NotificationDrafts.Zip(facts), "application/zip", $"violation-{breach.Id:N}.zip");
    }

    private async Task<ScopeQuery?> QueryAsync(CancellationToken cancellation)
    {
        var logins = Words(Form.Accounts);
        var found = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellation);
        Errors.AddRange(logins.Where(l => found.All(f => f.UserName != l)).Select(l => $"UnknownLogin:{l}"));
        var practices = new List<Guid>();
        foreach (var word in Words(Form.Practices))
        {
            if (Guid.TryParse(word, out var id))
            {
                practices.Add(id);
            }
            else
            {
                Errors.Add($"BadPractice:{word}");
            }
        }

        var from = Paris(Form.From, "From");
        var to = Paris(Form.To, "To");
        if (from is not null && to is not null && from >= to)
        {
            Errors.Add("ToBeforeFrom");
        }

        return Errors.Count > 0 || from is null || to is null
            ? null
            : new ScopeQuery([.. found.Select(f => f.Id)], Words(Form.Clients), practices, Words(Form.Addresses), from.Value, to.Value);
    }

    private DateTimeOffset? Paris(string? text, string field)
    {
        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return Web.Localization.ParisTime.FromLocal(local);
        }

        Errors.Add("BadTime:" + field);
        return null;
    }

    private static List<string> Words(string? text) =>
        [.. (text ?? string.Empty).Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>The scope form: space- or comma-separated lists, and the window in Paris time.</summary>
    public sealed class ScopeForm
    {
        public string? Accounts { get; set; }

        public string? Clients { get; set; }

        public string? Practices { get; set; }

        public string? Addresses { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }
    }
}
