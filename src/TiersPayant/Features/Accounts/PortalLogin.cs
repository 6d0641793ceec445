using TiersPayant.Data;
using TiersPayant.Data.Records.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Web.Localization;

namespace TiersPayant.Features.Accounts;

/// <summary>
/// The end of a portal login, whatever the second factor: a new session (a new identifier at
/// every login), the device check, and the notifications the account holder must see.
/// </summary>
public sealed class PortalLogin(
    TiersPayantDbContext db, PortalSessions sessions, DeviceRecognition devices, AccountNotifications notifications, TimeProvider time)
{
    public async Task OpenSessionAsync(HttpContext context, AccountRecord account, string method, CancellationToken cancellation)
    {
        var device = DeviceRecognition.Describe(context.Request.Headers.UserAgent);
        if (await devices.RememberAsync(context, account.Id, cancellation))
        {
            notifications.Add(account.Id, AccountNotifications.NewDevice,
                $"Connexion depuis un nouvel appareil ({device}) le {Paris(time.GetUtcNow())}. Si ce n'était pas vous, mettez fin à la session et changez votre mot de passe.");
        }

        await db.SaveChangesAsync(cancellation);
        var token = await sessions.OpenAsync(account, method, device, Address(context), cancellation);
        context.Response.Cookies.Append(PortalSessionAuthentication.CookieName, token, Cookies.Options(context.Request, lifetime: null));
        PendingLogin.Clear(context.Response);
    }

    /// <summary>Tells the account holder that their password was used with a wrong second factor.</summary>
    public async Task SecondFactorFailedAsync(HttpContext context, AccountRecord account, CancellationToken cancellation)
    {
        notifications.Add(account.Id, AccountNotifications.SecondFactorFailed,
            $"Votre mot de passe a été saisi correctement le {Paris(time.GetUtcNow())} ({DeviceRecognition.Describe(context.Request.Headers.UserAgent)}), mais le second facteur a échoué. Si ce n'était pas vous, changez votre mot de passe.");
        await db.SaveChangesAsync(cancellation);
    }

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "inconnue";

    private static string Paris(DateTimeOffset instant) =>
        ParisTime.Of(instant).ToString("dd/MM/yyyy 'à' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
}
