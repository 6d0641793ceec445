using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Identity;
using TiersPayant.Data;
using TiersPayant.Data.Records.Accounts;
using TiersPayant.Features.Accounts;
using TiersPayant.Features.Guard;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Portal.Connexion;

/// <summary>
/// Second step: a code from the authenticator app (each usable once) or a recovery code. A wrong
/// code counts as a failed login of the account and is reported to its holder.
/// </summary>
[NoPersonalData]
public sealed class SecondFacteurModel(
    TiersPayantDbContext db, PendingLogin pending, PortalLogin login, UserManager<AccountRecord> users, IPasskeyHandler<AccountRecord> passkeys,
    AccountsMetrics metrics) : PageModel
{
    public string? Message { get; private set; }

    /// <summary>The WebAuthn request options when the account has a passkey.</summary>
    public string? PasskeyOptionsJson { get; private set; }

    /// <summary>Staff accounts may only use a passkey.</summary>
    public bool PasskeyOnly { get; private set; }

    /// <summary>
    /// A staff account's first login: the authenticator code it was issued with opens the passkey
    /// registration, and nothing else.
    /// </summary>
    public bool StaffEnrolment { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        var state = pending.Read(Request);
        var account = state is null ? null : await db.Users.FindAsync([state.AccountId], cancellation);
        if (state is null || account is null)
        {
            return Redirect("/connexion");
        }

        await OfferPasskeyAsync(state, account);
        return Page();
    }

    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credential, [FromServices] LoginThrottle throttle, CancellationToken cancellation)
    {
        var state = pending.Read(Request);
        var account = state is null ? null : await db.Users.FindAsync([state.AccountId], cancellation);
        if (state?.AssertionState is null || account is null || throttle.AccountWait(account) is not null)
        {
            PendingLogin.Clear(Response);
            return Redirect("/connexion");
        }

        var result = string.IsNullOrEmpty(credential) ? null : await passkeys.PerformAssertionAsync(
            new PasskeyAssertionContext { HttpContext = HttpContext, CredentialJson = credential, AssertionState = state.AssertionState });
        if (result is { Succeeded: true } && result.User.Id == account.Id)
        {
            await users.AddOrUpdatePasskeyAsync(account, result.Passkey); // the authenticator's new signature count
            LoginThrottle.AccountSucceeded(account);
            await login.OpenSessionAsync(HttpContext, account, "passkey", cancellation);
            return LocalRedirect(IndexModel.LocalOrNull(state.ReturnUrl) ?? "/compte");
        }

        return await FailAsync(state, account, throttle, cancellation);
    }

    public async Task<IActionResult> OnPostAsync(
        [FromForm] string? code, [FromServices] TotpAuthenticator totp, [FromServices] RecoveryCodes recovery,
        [FromServices] LoginThrottle throttle, CancellationToken cancellation)
    {
        var state = pending.Read(Request);
        var account = state is null ? null : await db.Users.FindAsync([state.AccountId], cancellation);
        if (state is null || account is null || state.EnrolmentSecret is not null || throttle.AccountWait(account) is not null)
        {
            PendingLogin.Clear(Response);
            return Redirect("/connexion");
        }

        // Staff can see several practices' data: only a phishing-resistant factor will do. The
        // code a staff account was issued with only lets it register its first passkey.
        if (account.Kind == AccountKinds.Staff)
        {
            if ((await users.GetPasskeysAsync(account)).Count == 0 && totp.VerifyAndConsume(account, code))
            {
                LoginThrottle.AccountSucceeded(account);
                await db.SaveChangesAsync(cancellation);
                pending.Write(Response, state with { PasskeyEnrolment = true, AssertionState = null });
                return Redirect("/compte/cle-d-acces");
            }

            return await FailAsync(state, account, throttle, cancellation);
        }

        var method = totp.VerifyAndConsume(account, code) ? "totp"
            : await recovery.RedeemAsync(account.Id, code, cancellation) ? "recovery-code"
            : null;
        if (method is not null)
        {
            LoginThrottle.AccountSucceeded(account);
            await login.OpenSessionAsync(HttpContext, account, method, cancellation);
            return LocalRedirect(IndexModel.LocalOrNull(state.ReturnUrl) ?? "/compte");
        }

        return await FailAsync(state, account, throttle, cancellation);
    }

    private async Task<IActionResult> FailAsync(PendingLogin.State state, AccountRecord account, LoginThrottle throttle, CancellationToken cancellation)
    {
        metrics.LoginFailed("second-factor", "wrong-code");
        throttle.AccountFailed(account);
        await login.SecondFactorFailedAsync(HttpContext, account, cancellation);
        if (state.Attempts + 1 >= PendingLogin.MaxAttempts)
        {
            PendingLogin.Clear(Response);
            return Redirect("/connexion");
        }

        await OfferPasskeyAsync(state with { Attempts = state.Attempts + 1 }, account);
        Message = "Refused"; // the form again with its message, as on the password step
        return Page();
    }

    // A fresh challenge at each showing of the page; its server half rides in the pending-login cookie.
    private async Task OfferPasskeyAsync(PendingLogin.State state, AccountRecord account)
    {
        var hasPasskey = (await users.GetPasskeysAsync(account)).Count > 0;
        PasskeyOnly = account.Kind == AccountKinds.Staff && hasPasskey;
        StaffEnrolment = account.Kind == AccountKinds.Staff && !hasPasskey;
        if (!hasPasskey)
        {
            pending.Write(Response, state with { AssertionState = null });
            return;
        }

        var options = await passkeys.MakeRequestOptionsAsync(account, HttpContext);
        PasskeyOptionsJson = options.RequestOptionsJson;
        pending.Write(Response, state with { AssertionState = options.AssertionState });
    }
}
