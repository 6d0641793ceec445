using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Web.Localization;

namespace TiersPayant.Accounts.Pages.Compte;

/// <summary>The account holder's page: notifications, second factors, open sessions (each can be ended).</summary>
[Authorize]
[NoPersonalData]
public sealed class IndexModel(
    TiersPayantDbContext db, PortalSessions sessions, RecoveryCodes recovery, AccountNotifications notifications,
    UserManager<AccountRecord> users) : PageModel
{
    public bool HasTotp { get; private set; }

    public List<string> Passkeys { get; private set; } = [];

    public string DisplayName { get; private set; } = string.Empty;

    public string Login { get; private set; } = string.Empty;

    public List<string> Notifications { get; private set; } = [];

    public int RecoveryRemaining { get; private set; }

    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public List<SessionView> Sessions { get; private set; } = [];

    public sealed record SessionView(Guid Id, string Device, string Address, string Started, string LastSeen, bool Current);

    private Guid AccountId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellation)
    {
        Notifications = [.. (await notifications.TakeUnshownAsync(AccountId, cancellation)).Select(n => n.Detail)];
        await LoadAsync(cancellation);
    }

    public async Task<IActionResult> OnPostEndAsync([FromForm] Guid sessionId, CancellationToken cancellation)
    {
        await sessions.EndAsync(AccountId, sessionId, "ended-by-user", cancellation);
        if (sessionId.ToString() == User.FindFirstValue(PortalSessionAuthentication.SessionIdClaim))
        {
            Response.Cookies.Delete(PortalSessionAuthentication.CookieName);
            return Redirect("/connexion");
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellation)
    {
        NewRecoveryCodes = await recovery.RegenerateAsync(AccountId, cancellation);
        await LoadAsync(cancellation);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellation)
    {
        var account = await db.Users.FindAsync([AccountId], cancellation);
        DisplayName = account?.DisplayName ?? string.Empty;
        HasTotp = account?.TotpSecretCipher is not null;
        Passkeys = account is null ? [] : [.. (await users.GetPasskeysAsync(account)).Select(p => $"{p.Name ?? "—"} ({Format(p.CreatedAt)})")];
        Login = account?.UserName ?? string.Empty;
        RecoveryRemaining = await recovery.RemainingAsync(AccountId, cancellation);
        var current = User.FindFirstValue(PortalSessionAuthentication.SessionIdClaim);
        Sessions = [.. (await sessions.ListOpenAsync(AccountId, cancellation)).Select(s => new SessionView(
            s.Id, s.Device, s.SourceAddress, Format(s.CreatedAt), Format(s.LastSeenAt), s.Id.ToString() == current))];
    }

    private static string Format(DateTimeOffset instant) => ParisTime.Of(instant).ToString("g", CultureInfo.CurrentCulture);
}
