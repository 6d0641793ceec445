using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Guard;
using TiersPayant.Guard;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Localization;

namespace TiersPayant.Accounts.Pages.Securite;

/// <summary>
/// One alert of the guard, for review: why the account or client was contained (the evidence, each
/// decision the guard took about it, new people and unknown cards per hour against what is usual
/// for it and its profession), then the decision: restore (a portal account gets a temporary
/// password and must enrol its second factor again) or keep closed. Counts, never whom.
/// </summary>
[Authorize(Policy = PortalPolicies.SecurityConsole)]
[NoPersonalData]
public sealed class AlerteModel(TiersPayantDbContext db, GuardStatistics statistics, ContainmentReview review) : PageModel
{
    public ContainmentRecord? Alert { get; private set; }

    public string Who { get; private set; } = string.Empty;

    public string? Practice { get; private set; }

    public string? Profession { get; private set; }

    /// <summary>The guard's decisions about this account or client, newest first.</summary>
    public List<IndexModel.GuardEventView> Events { get; private set; } = [];

    /// <summary>The 24 hours before the containment, hour by hour (Paris time).</summary>
    public List<(string Hour, int People, int NoMatch)> Hours { get; private set; } = [];

    public GuardBaselineRecord? Baseline { get; private set; }

    public GuardBaselineRecord? ProfessionBaseline { get; private set; }

    /// <summary>Shown once, after a restore: the reviewer passes it to the holder by telephone.</summary>
    public string? TemporaryPassword { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellation) =>
        await LoadAsync(id, cancellation) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, [FromForm] bool identityChecked, [FromForm] string? note, CancellationToken cancellation)
    {
        if (!identityChecked)
        {
            Message = "IdentityNotChecked";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(id, cancellation) ? Page() : NotFound();
        }

        var (done, temporary) = await review.RestoreAsync(id, Reviewer(), User.Identity?.Name ?? "?", note ?? string.Empty, cancellation);
        (Message, TemporaryPassword) = done ? ("Restored", temporary) : ("AlreadyReviewed", null);
        Response.StatusCode = done ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
        return await LoadAsync(id, cancellation) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostKeepClosedAsync(Guid id, [FromForm] string? note, CancellationToken cancellation)
    {
        var done = await review.KeepClosedAsync(id, Reviewer(), User.Identity?.Name ?? "?", note ?? string.Empty, cancellation);
        Message = done ? "KeptClosed" : "AlreadyReviewed";
        Response.StatusCode = done ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
        return await LoadAsync(id, cancellation) ? Page() : NotFound();
    }

    private Guid Reviewer() => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellation)
    {
        Alert = await db.Containments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellation);
        if (Alert is not { } alert)
        {
            return false;
        }

        var login = alert.AccountId is { } accountId ? await db.Users.AsNoTracking().Where(u => u.Id == accountId).Select(u => u.UserName).SingleOrDefaultAsync(cancellation) : null;
        Who = login ?? (alert.ClientId is not null ? "client " + alert.ClientId : alert.Scope);
        var practice = alert.PracticeId is { } p ? await db.Practices.AsNoTracking().SingleOrDefaultAsync(x => x.Id == p, cancellation) : null;
        (Practice, Profession) = (practice?.Name, practice?.Profession);

        var events = await db.GuardEvents.AsNoTracking()
            .Where(e => alert.ClientId != null ? e.ClientId == alert.ClientId : e.AccountId == alert.AccountId)
            .OrderByDescending(e => e.Id).Take(50).ToListAsync(cancellation);
        Events = [.. events.Select(e => new IndexModel.GuardEventView(Format(e.OccurredAt), e.Decision, e.Reason, Who, e.Channel, e.SourceAddress, e.Detail))];

        var to = alert.ContainedAt.AddHours(1);
        var hours = await statistics.ReachPerHourAsync(alert.Scope, to.AddHours(-24), to, cancellation);
        Hours = [.. hours.Select(h => (ParisTime.Of(new DateTimeOffset(h.Hour, TimeSpan.Zero)).ToString("ddd HH'h'", CultureInfo.CurrentCulture), h.People, h.NoMatch))];
        Baseline = await statistics.BaselineAsync(alert.Scope, cancellation);
        ProfessionBaseline = Profession is null ? null : await statistics.BaselineAsync("profession:" + Profession, cancellation);
        return true;
    }

    private static string Format(DateTime utc) => ParisTime.Of(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).ToString("g", CultureInfo.CurrentCulture);
}
