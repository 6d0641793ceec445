using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Domain.Practices;
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

    /// <summary>
    /// Where a login without a return address lands: a professional on the rights check, the
    /// first step of every patient's flow whatever the profession (it carries the patient to the
    /// prior agreement or the invoice, so starting anywhere else would mean typing the card
    /// twice); staff on their account page, as before.
    /// </summary>
    public async Task<string> LandingAsync(AccountRecord account, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account is not { Kind: AccountKinds.Professional, PracticeId: { } practice })
        {
            return AccountPage;
        }

        var code = await db.Practices.AsNoTracking().Where(p => p.Id == practice).Select(p => p.Profession).SingleOrDefaultAsync(cancellation);
        return Professions.TryParse(code, out var profession) ? WorkPage(profession) : AccountPage;
    }

    /// <summary>The page of a profession's daily work: every profession's day is patients, and a patient starts with their rights.</summary>
    public static string WorkPage(Profession profession) => Enum.IsDefined(profession) ? RightsCheck : AccountPage;

    public const string RightsCheck = "/droits";

    public const string AccountPage = "/compte";

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "inconnue";

    private static string Paris(DateTimeOffset instant) =>
        ParisTime.Of(instant).ToString("dd/MM/yyyy 'à' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
}
