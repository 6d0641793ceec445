using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Protection;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Localization;

namespace TiersPayant.Accounts.Pages.Securite;

/// <summary>
/// The security console: the guard's open alerts (contained accounts and clients, with the
/// evidence), the switches thrown and the guard's latest decisions; the latest account events (suspended second factors, sessions stepped up
/// or refused from another device), find an account by its login, see its open sessions and its
/// second factor's state, end the sessions all at once (on every node, at the next request) or end
/// a suspension after checking the holder's identity. The login travels in a form, never in the address.
/// </summary>
[Authorize(Policy = PortalPolicies.SecurityConsole)]
[NoPersonalData]
public sealed class IndexModel(
    TiersPayantDbContext db, UserManager<AccountRecord> users, PortalSessions sessions, AccountNotifications notifications,
    SecondFactorLimit secondFactor, SecurityEvents events, SwitchBoard switches, FieldKeyRotation rotations, TimeProvider time, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>How many of the latest account events the console lists.</summary>
    public const int EventsShown = 30;

    public List<EventView> Events { get; private set; } = [];

    /// <summary>Containments awaiting review, oldest first, with their evidence.</summary>
    public List<AlertView> Alerts { get; private set; } = [];

    /// <summary>Waves of failed logins (credential stuffing) in the last 24 hours, newest first.</summary>
    public List<GuardEventView> LoginAlerts { get; private set; } = [];

    /// <summary>The switches thrown now.</summary>
    public List<SwitchView> Switches { get; private set; } = [];

    /// <summary>The guard's latest throttles, containments and switch changes.</summary>
    public List<GuardEventView> GuardEvents { get; private set; } = [];

    /// <summary>The second factor was reset on this post.</summary>
    public bool Reset { get; private set; }

    public AccountView? Account { get; private set; }

    public List<SessionView> Sessions { get; private set; } = [];

    public string? Message { get; private set; }

    public int? Ended { get; private set; }

    /// <summary>
    /// An account as the console shows it; with its consecutive wrong second-factor codes, whether
    /// the authenticator is suspended, and until when (formatted) no code is evaluated, if it waits.
    /// </summary>
    public sealed record AccountView(
        Guid Id, string Login, string DisplayName, string Kind, string? Practice, IReadOnlyList<string> Roles,
        int SecondFactorFailures, bool Suspended, string? WaitsUntil);

    public sealed record EventView(string When, string Kind, string Login, string Detail);

    public sealed record AlertView(Guid Id, string When, string Who, string? Practice, string Reason, string Evidence);

    public sealed record SwitchView(Guid Id, string Surface, string Level, string Target, string Since, string By, string Reason);

    /// <summary>What the last switch form did: resource key of the outcome.</summary>
    public string? SwitchMessage { get; private set; }

    public sealed record GuardEventView(string When, string Decision, string Reason, string Who, string Channel, string Address, string? Detail);

    /// <summary>The data keys and the latest re-encryption under a new one.</summary>
    public KeysView Keys { get; private set; } = new(0, [], false, null);

    /// <summary>The keys: current, held, whether they come from a keys file (rotation online) or configuration.</summary>
    public sealed record KeysView(uint Current, IReadOnlyList<uint> Ids, bool FromFile, RotationView? Rotation);

    /// <summary>A re-encryption: state (running, stopped: no progress for <see cref="StalledAfter"/>, done), when it last moved, figures.</summary>
    public sealed record RotationView(uint KeyId, string State, string Updated, int Percent, long Scanned, long Total, long Reencrypted);

    /// <summary>A re-encryption that has not moved for this long is shown as stopped.</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(2);

    public sealed record SessionView(string Device, string Address, string Method, string Started, string LastSeen);

    public async Task OnGetAsync(CancellationToken cancellation) => await LoadEventsAsync(null, cancellation);

    /// <summary>Throws a switch from the console, recorded with the analyst's login and the reason.</summary>
    public async Task<IActionResult> OnPostCloseSwitchAsync(
        [FromForm] string? surface, [FromForm] string? level, [FromForm] string? target, [FromForm] string? reason, CancellationToken cancellation)
    {
        var (resolved, wrong) = await SwitchTargets.ResolveAsync(HttpContext.RequestServices, surface, level, target, cancellation);
        if (resolved is null)
        {
            SwitchMessage = "SwitchWrong_" + wrong;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            SwitchMessage = await switches.CloseAsync(resolved, Changer(), reason ?? string.Empty, cancellation) ? "SwitchClosed" : "SwitchAlreadyClosed";
        }

        await LoadEventsAsync(null, cancellation);
        return Page();
    }

    /// <summary>Opens a thrown switch from the console.</summary>
    public async Task<IActionResult> OnPostOpenSwitchAsync([FromForm] Guid switchId, [FromForm] string? reason, CancellationToken cancellation)
    {
        var thrown = await db.Switches.AsNoTracking().SingleOrDefaultAsync(w => w.Id == switchId, cancellation);
        SwitchMessage = thrown is not null && await switches.OpenAsync(new SwitchTarget(thrown.Surface, thrown.Level, thrown.Target), Changer(), reason ?? string.Empty, cancellation)
            ? "SwitchOpened" : "SwitchAlreadyOpen";
        await LoadEventsAsync(null, cancellation);
        return Page();
    }

    private SwitchChanger Changer() => new(
        "staff", Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null, User.Identity?.Name ?? "staff", "portal",
        HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public async Task<IActionResult> OnPostFindAsync([FromForm] string? login, CancellationToken cancellation)
    {
        var found = login is { Length: > 0 and <= 256 } ? await users.FindByNameAsync(login.Trim()) : null;
        if (found is null)
        {
            Message = "NotFound";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        await LoadAsync(found, cancellation);
        return Page();
    }

    /// <summary>
    /// Ends a suspension of the authenticator (and the wait), once the holder's identity has been
    /// checked out of band (a call back to the number the practice registered, say).
    /// </summary>
    public async Task<IActionResult> OnPostResetSecondFactorAsync([FromForm] Guid accountId, [FromForm] bool identityChecked, CancellationToken cancellation)
    {
        if (await db.Users.FindAsync([accountId], cancellation) is not { } account)
        {
            Message = "NotFound";
            Response.StatusCode = StatusCodes.Status404NotFound;
            await LoadEventsAsync(null, cancellation);
            return Page();
        }

        if (!identityChecked)
        {
            Message = "IdentityNotChecked";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(account, cancellation);
            return Page();
        }

        await secondFactor.ResetAsync(account.Id, cancellation);
        var actor = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        events.Add(SecurityEvents.SecondFactorReset, account.Id, "après vérification de l'identité du titulaire", actorId: actor);
        notifications.Add(account.Id, AccountNotifications.SecondFactorReset, string.Create(CultureInfo.GetCultureInfo("fr-FR"),
            $"L'équipe de sécurité a réactivé votre application d'authentification le {ParisTime.Now(time):dd/MM/yyyy 'à' HH:mm}. Changez votre mot de passe dès votre prochaine connexion."));
        await db.SaveChangesAsync(cancellation);
        logger.LogInformation("Staff account {ActorId} reset the second factor of account {AccountId}", actor, account.Id);
        Reset = true;
        await LoadAsync(await db.Users.AsNoTracking().SingleAsync(u => u.Id == account.Id, cancellation), cancellation);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAllAsync([FromForm] Guid accountId, CancellationToken cancellation)
    {
        if (await db.Users.FindAsync([accountId], cancellation) is not { } account)
        {
            Message = "NotFound";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Ended = await sessions.EndAllAsync(account.Id, "ended-by-admin", cancellation);
        notifications.Add(account.Id, AccountNotifications.SessionsEnded, string.Create(CultureInfo.GetCultureInfo("fr-FR"),
            $"Toutes vos sessions ont été fermées par l'équipe de sécurité le {ParisTime.Now(time):dd/MM/yyyy 'à' HH:mm}. Si vous ne l'avez pas demandé, changez votre mot de passe."));
        await db.SaveChangesAsync(cancellation);
        logger.LogInformation("Staff account {ActorId} ended {Count} session(s) of account {AccountId}",
            User.FindFirstValue(ClaimTypes.NameIdentifier), Ended, account.Id);
        await LoadAsync(account, cancellation);
        return Page();
    }

    private async Task LoadAsync(AccountRecord account, CancellationToken cancellation)
    {
        var practice = account.PracticeId is { } id
            ? await db.Practices.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(cancellation)
            : null;
        var now = time.GetUtcNow();
        Account = new AccountView(account.Id, account.UserName ?? string.Empty, account.DisplayName, account.Kind, practice, [.. await users.GetRolesAsync(account)],
            account.SecondFactorFailures, SecondFactorLimit.IsSuspended(account),
            account.SecondFactorWaitUntil is { } until && until > now ? Format(until) : null);
        Sessions = [.. (await sessions.ListOpenAsync(account.Id, cancellation)).Select(s => new SessionView(
            s.Device, s.SourceAddress, s.Method, Format(s.CreatedAt), Format(s.LastSeenAt)))];
        await LoadEventsAsync(account.Id, cancellation);
    }

    private async Task LoadEventsAsync(Guid? accountId, CancellationToken cancellation)
    {
        await LoadGuardAsync(cancellation);
        var latest = await events.LatestAsync(EventsShown, accountId, cancellation);
        var ids = latest.Select(e => e.AccountId).Distinct().ToList();
        var logins = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? string.Empty, cancellation);
        Events = [.. latest.Select(e => new EventView(Format(e.CreatedAt), e.Kind, logins.GetValueOrDefault(e.AccountId, "?"), e.Detail))];
    }

    private static string Format(DateTimeOffset instant) => ParisTime.Of(instant).ToString("g", CultureInfo.CurrentCulture);

    // What the guard did: alerts to review, switches thrown, its latest decisions. Who, never whom.
    private async Task LoadGuardAsync(CancellationToken cancellation)
    {
        var open = await db.Containments.AsNoTracking().Where(c => c.Status == Containments.Open).OrderBy(c => c.ContainedAt).Take(100).ToListAsync(cancellation);
        var latest = await db.GuardEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(EventsShown).ToListAsync(cancellation);
        var accounts = open.Select(c => c.AccountId).Concat(latest.Select(e => e.AccountId)).OfType<Guid>().Distinct().ToList();
        var practices = open.Select(c => c.PracticeId).Concat(latest.Select(e => e.PracticeId)).OfType<Guid>().Distinct().ToList();
        var logins = await db.Users.AsNoTracking().Where(u => accounts.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? string.Empty, cancellation);
        var names = await db.Practices.AsNoTracking().Where(p => practices.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellation);
        string Who(Guid? account, string? client, string fallback) =>
            account is { } a ? logins.GetValueOrDefault(a, "?") : client is not null ? "client " + client : fallback;

        Alerts = [.. open.Select(c => new AlertView(c.Id, Format(c.ContainedAt), Who(c.AccountId, c.ClientId, c.Scope),
            c.PracticeId is { } p ? names.GetValueOrDefault(p) : null, c.Reason, c.Evidence))];
        var dayAgo = time.GetUtcNow().UtcDateTime.AddDays(-1);
        LoginAlerts = [.. (await db.GuardEvents.AsNoTracking().Where(e => e.Decision == "alert" && e.OccurredAt > dayAgo).OrderByDescending(e => e.Id).Take(50).ToListAsync(cancellation))
            .Select(e => new GuardEventView(Format(e.OccurredAt), e.Decision, e.Reason, e.SourceAddress, e.Channel, e.SourceAddress, e.Detail))];
        var rotation = await rotations.LatestAsync(cancellation);
        Keys = new KeysView(rotations.CurrentKeyId, rotations.KeyIds, rotations.KeysFile is not null, rotation is null ? null : new RotationView(
            rotation.KeyId,
            rotation.FinishedAt is not null ? "done" : time.GetUtcNow() - rotation.UpdatedAt > StalledAfter ? "stopped" : "running",
            Format(rotation.FinishedAt ?? rotation.UpdatedAt), (int)Math.Floor(rotation.Fraction * 100), rotation.Scanned, rotation.Total, rotation.Reencrypted));
        Switches = [.. (await switches.ListAsync(cancellation)).Select(w => new SwitchView(w.Id, w.Surface, w.Level, w.Target, Format(w.ClosedAt), w.ClosedBy, w.Reason))];
        GuardEvents = [.. latest.Select(e => new GuardEventView(Format(e.OccurredAt), e.Decision, e.Reason,
            Who(e.AccountId, e.ClientId, e.Role ?? e.ActorKind), e.Channel, e.SourceAddress, e.Detail))];
    }

    private static string Format(DateTime utc) => Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
