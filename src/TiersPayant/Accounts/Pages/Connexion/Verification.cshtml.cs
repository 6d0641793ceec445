using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Localization;

namespace TiersPayant.Accounts.Pages.Connexion;

/// <summary>
/// The step-up of a session used from another browser family or network than the one it was
/// opened from: the second factor again (an authenticator or recovery code, or a passkey; staff a
/// passkey only) before the session serves anything there. Passed, the session moves to the new
/// place; refused, it ends and its holder is told. Both go to the security console.
/// </summary>
[NoPersonalData]
public sealed class VerificationModel(
    TiersPayantDbContext db, PortalSessions sessions, UserManager<AccountRecord> users, IPasskeyHandler<AccountRecord> passkeys,
    PasskeyState passkeyState, SecondFactorCheck check, SecurityEvents events, AccountNotifications notifications,
    AccountsMetrics metrics, Containments containments, TimeProvider time) : PageModel
{
    public string? Message { get; private set; }

    public int? RetryAfterSeconds { get; private set; }

    /// <summary>The session was ended: nothing to fill in any more.</summary>
    public bool Ended { get; private set; }

    public string? PasskeyOptionsJson { get; private set; }

    public bool PasskeyOnly { get; private set; }

    /// <summary>The account has no factor this page can check: it must log in again.</summary>
    public bool NoFactor { get; private set; }

    public string? ReturnUrl { get; private set; }

    /// <summary>The access guard asked for this step-up (many patients in little time), not a change of place.</summary>
    public bool Guarded { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken cancellation)
    {
        ReturnUrl = IndexModel.LocalOrNull(returnUrl);
        if (await SessionAsync(cancellation) is not var (session, account, place))
        {
            return Redirect("/connexion");
        }

        if (!PortalSessions.IsOutOfPlace(session, place))
        {
            return LocalRedirect(ReturnUrl ?? "/compte");
        }

        if (await sessions.MarkStepUpAskedAsync(session, cancellation))
        {
            events.Add(SecurityEvents.StepUpAsked, account.Id, Describe(session, place), session.Id);
            await db.SaveChangesAsync(cancellation);
        }

        await OfferAsync(session, account);
        Message = SecondFactorLimit.IsSuspended(account) && !PasskeyOnly ? "Suspended" : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? code, [FromForm] string? returnUrl, CancellationToken cancellation)
    {
        ReturnUrl = IndexModel.LocalOrNull(returnUrl);
        if (await SessionAsync(cancellation) is not var (session, account, place) || !PortalSessions.IsOutOfPlace(session, place))
        {
            return Redirect("/connexion");
        }

        if (account.Kind == AccountKinds.Staff)
        {
            metrics.LoginFailed("step-up", "code-not-allowed");
            return await RefuseAsync(session, account, place, cancellation);
        }

        var result = await check.CheckAsync(HttpContext, account, code, allowRecoveryCode: true, cancellation);
        switch (result.Outcome)
        {
            case CodeCheckOutcome.Accepted:
                return await PassAsync(session, account, place, result.Recovered, cancellation);
            case CodeCheckOutcome.Waiting:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                RetryAfterSeconds = Web.Problems.RetryAfter.Set(Response, result.RetryAfter!.Value);
                await OfferAsync(session, account);
                Message = "Waiting";
                return Page();
            case CodeCheckOutcome.Suspended:
                await OfferAsync(session, account);
                Message = "Suspended";
                return Page();
            default:
                return await RefuseAsync(session, account, place, cancellation);
        }
    }

    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credential, [FromForm] string? returnUrl, CancellationToken cancellation)
    {
        ReturnUrl = IndexModel.LocalOrNull(returnUrl);
        if (await SessionAsync(cancellation) is not var (session, account, place) || !PortalSessions.IsOutOfPlace(session, place))
        {
            return Redirect("/connexion");
        }

        var assertion = passkeyState.Take(Request, Response, session.Id, PasskeyState.Ceremony.StepUp);
        var result = string.IsNullOrEmpty(credential) || assertion is null ? null : await passkeys.PerformAssertionAsync(
            new PasskeyAssertionContext { HttpContext = HttpContext, CredentialJson = credential, AssertionState = assertion });
        if (result is { Succeeded: true } && result.User.Id == account.Id)
        {
            await users.AddOrUpdatePasskeyAsync(account, result.Passkey);
            var recovered = await check.PasskeySucceededAsync(HttpContext, account, cancellation);
            return await PassAsync(session, account, place, recovered, cancellation);
        }

        metrics.LoginFailed("step-up", "passkey-refused");
        return await RefuseAsync(session, account, place, cancellation);
    }

    private async Task<IActionResult> PassAsync(SessionRecord session, AccountRecord account, SessionPlace place, bool recovered, CancellationToken cancellation)
    {
        await sessions.MoveAsync(session, place, cancellation);
        events.Add(SecurityEvents.StepUpPassed, account.Id, Describe(session, place), session.Id);
        await db.SaveChangesAsync(cancellation);
        return LocalRedirect(recovered ? SecondFacteurModel.MotDePasseAfterRecovery : ReturnUrl ?? "/compte");
    }

    // A wrong second factor from elsewhere: whoever holds this cookie is not its owner, or the owner
    // mistyped; either way the session ends, and the owner logs in again.
    private async Task<IActionResult> RefuseAsync(SessionRecord session, AccountRecord account, SessionPlace place, CancellationToken cancellation)
    {
        if (session.GuardStepUpAt is not null)
        {
            // The guard asked because of what the session was doing; whoever cannot confirm is not let back in.
            await containments.ContainRefusedStepUpAsync(account.Id, account.PracticeId, session.Id, place.Address, cancellation);
        }

        await sessions.EndAsync(account.Id, session.Id, "step-up-refused", cancellation);
        events.Add(SecurityEvents.StepUpRefused, account.Id, Describe(session, place), session.Id);
        notifications.Add(account.Id, AccountNotifications.StepUpRefused, string.Create(CultureInfo.GetCultureInfo("fr-FR"),
            $"Le {ParisTime.Now(time):dd/MM/yyyy 'à' HH:mm}, votre session ouverte sur {session.Device} a été utilisée depuis {place.Device} (réseau {place.Network}) sans le bon second facteur : elle a été fermée. Si ce n'était pas vous, changez votre mot de passe."));
        await db.SaveChangesAsync(cancellation);
        Response.Cookies.Delete(PortalSessionAuthentication.CookieName);
        Ended = true;
        Message = "Ended";
        return Page();
    }

    private async Task<(SessionRecord Session, AccountRecord Account, SessionPlace Place)?> SessionAsync(CancellationToken cancellation)
    {
        var session = await sessions.ResumeAsync(Request.Cookies[PortalSessionAuthentication.CookieName], cancellation);
        var account = session is null ? null : await db.Users.FindAsync([session.AccountId], cancellation);
        return session is null || account is null ? null : (session, account, SessionPlaces.Of(HttpContext));
    }

    private async Task OfferAsync(SessionRecord session, AccountRecord account)
    {
        Guarded = session.GuardStepUpAt is not null;
        PasskeyOnly = account.Kind == AccountKinds.Staff;
        if ((await users.GetPasskeysAsync(account)).Count == 0)
        {
            // Nothing to step up with (a Pro Santé Connect account without an authenticator, say):
            // a new login is the way, and no code is asked for in vain.
            NoFactor = PasskeyOnly || account.TotpSecretCipher is null;
            return;
        }

        var options = await passkeys.MakeRequestOptionsAsync(account, HttpContext);
        PasskeyOptionsJson = options.RequestOptionsJson;
        passkeyState.Write(Response, session.Id, options.AssertionState ?? string.Empty, PasskeyState.Ceremony.StepUp);
    }

    private static string Describe(SessionRecord session, SessionPlace place) =>
        $"ouverte sur {session.Device} (réseau {session.Network ?? "inconnu"}), utilisée depuis {place.Device} (réseau {place.Network})";
}
