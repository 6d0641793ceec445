using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Records.Accounts;
using TiersPayant.Features.Accounts;
using TiersPayant.Features.Guard;
using TiersPayant.Security.Accounts;
using TiersPayant.Web.Localization;

namespace TiersPayant.Portal.Securite;

/// <summary>
/// The security console: find an account by its login, see its open sessions, end them all at
/// once (on every node, at the next request). The login travels in a form, never in the address.
/// </summary>
[Authorize(Policy = PortalPolicies.SecurityConsole)]
[NoPersonalData]
public sealed class IndexModel(
    TiersPayantDbContext db, UserManager<AccountRecord> users, PortalSessions sessions, AccountNotifications notifications,
    TimeProvider time, ILogger<IndexModel> logger) : PageModel
{
    public AccountView? Account { get; private set; }

    public List<SessionView> Sessions { get; private set; } = [];

    public string? Message { get; private set; }

    public int? Ended { get; private set; }

    public sealed record AccountView(Guid Id, string Login, string DisplayName, string Kind, string? Practice, IReadOnlyList<string> Roles);

    public sealed record SessionView(string Device, string Address, string Method, string Started, string LastSeen);

    public void OnGet()
    {
    }

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
        Account = new AccountView(account.Id, account.UserName ?? string.Empty, account.DisplayName, account.Kind, practice, [.. await users.GetRolesAsync(account)]);
        Sessions = [.. (await sessions.ListOpenAsync(account.Id, cancellation)).Select(s => new SessionView(
            s.Device, s.SourceAddress, s.Method, Format(s.CreatedAt), Format(s.LastSeenAt)))];
    }

    private static string Format(DateTimeOffset instant) => ParisTime.Of(instant).ToString("g", CultureInfo.CurrentCulture);
}
