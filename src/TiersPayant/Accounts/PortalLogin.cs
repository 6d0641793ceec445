using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Web.Localization;

namespace TiersPayant.Accounts;

/// <summary>
/// The end of a portal login, whatever the second factor: a new session (a new identifier at
/// every login) bound to the browser family and network it was opened from, the device check, and
/// the notifications the account holder must see.
/// </summary>
public sealed class PortalLogin(
    TiersPayantDbContext db, PortalSessions sessions, DeviceRecognition devices, AccountNotifications notifications, TimeProvider time)
{
    public async Task OpenSessionAsync(HttpContext context, AccountRecord account, string method, CancellationToken cancellation)
    {
        var place = SessionPlaces.Of(context);
        if (await devices.RememberAsync(context, account.Id, cancellation))
        {
            notifications.Add(account.Id, AccountNotifications.NewDevice,
                $"Connexion depuis un nouvel appareil ({place.Device}) le {Paris(time.GetUtcNow())}. Si ce n'était pas vous, mettez fin à la session et changez votre mot de passe.");
        }

        await db.SaveChangesAsync(cancellation);
        var token = await sessions.OpenAsync(account, method, place, cancellation);
        context.Response.Cookies.Append(PortalSessionAuthentication.CookieName, token, Cookies.Options(context.Request, lifetime: null));
        PendingLogin.Clear(context.Response);
    }

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "inconnue";

    private static string Paris(DateTimeOffset instant) =>
        ParisTime.Of(instant).ToString("dd/MM/yyyy 'à' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
}
