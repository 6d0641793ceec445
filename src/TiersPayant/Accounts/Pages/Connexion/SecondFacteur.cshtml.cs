using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Identity;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts.Pages.Connexion;

/// <summary>
/// Second step: a code from the authenticator app (each usable once), a recovery code or a passkey.
/// Wrong codes count on the account, whatever the address or pending login they come from
/// (<see cref="SecondFactorLimit"/>): delays, then suspension of the authenticator.
/// </summary>
[NoPersonalData]
public sealed class SecondFacteurModel(
    TiersPayantDbContext db, PendingLogin pending, PortalLogin login, UserManager<AccountRecord> users, IPasskeyHandler<AccountRecord> passkeys,
    SecondFactorCheck check, AccountsMetrics metrics) : PageModel
{
    public string? Message { get; private set; }

    /// <summary>While the account waits after wrong codes: how long, in seconds.</summary>
    public int? RetryAfterSeconds { get; private set; }

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
        Message = SecondFactorLimit.IsSuspended(account) && !PasskeyOnly ? "Suspended" : null;
        return Page();
    }

    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credential, CancellationToken cancellation)
    {
        var state = pending.Read(Request);
        var account = state is null ? null : await db.Users.FindAsync([state.AccountId], cancellation);
        if (state?.AssertionState is null || account is null)
        {
            PendingLogin.Clear(Response);
            return Redirect("/connexion");
        }

        // A passkey cannot be guessed: it is never held back by the count of wrong codes, and
        // it ends a suspension (the holder has proven themself).
        var result = string.IsNullOrEmpty(credential) ? null : await passkeys.PerformAssertionAsync(
            new PasskeyAssertionContext { HttpContext = HttpContext, CredentialJson = credential, AssertionState = state.AssertionState });
        if (result is { Succeeded: true } && result.User.Id == account.Id)
        {
            await users.AddOrUpdatePasskeyAsync(account, result.Passkey); // the authenticator's new signature count
            var recovered = await check.PasskeySucceededAsync(HttpContext, account, cancellation);
            await login.OpenSessionAsync(HttpContext, account, "passkey", cancellation);
            return await NextAsync(state, account, recovered, cancellation);
        }

        metrics.LoginFailed("second-factor", "passkey-refused");
        if (state.Attempts + 1 >= PendingLogin.MaxAttempts)
        {
            PendingLogin.Clear(Response);
            return Redirect("/connexion");
        }

        return await AgainAsync(state with { Attempts = state.Attempts + 1 }, account, "Refused");
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? code, CancellationToken cancellation)
    {
        var state = pending.Read(Request);
        var account = state is null ? null : await db.Users.FindAsync([state.AccountId], cancellation);
        if (state is null || account is null || state.EnrolmentSecret is not null)
        {
            PendingLogin.Clear(Response);
            return Redirect("/connexion");
        }

        // Staff can see several practices' data: only a phishing-resistant factor will do. The
        // code a staff account was issued with only lets it register its first passkey.
        var staff = account.Kind == AccountKinds.Staff;
        if (staff && (await users.GetPasskeysAsync(account)).Count > 0)
        {
            metrics.LoginFailed("second-factor", "code-not-allowed");
            return await AgainAsync(state with { Attempts = state.Attempts + 1 }, account, "Refused");
        }

        var result = await check.CheckAsync(HttpContext, account, code, allowRecoveryCode: !staff, cancellation);
        switch (result.Outcome)
        {
            case CodeCheckOutcome.Accepted when staff:
                pending.Write(Response, state with { PasskeyEnrolment = true, AssertionState = null });
                return Redirect("/compte/cle-d-acces");
            case CodeCheckOutcome.Accepted:
                await login.OpenSessionAsync(HttpContext, account, result.Method!, cancellation);
                return await NextAsync(state, account, result.Recovered, cancellation);
            case CodeCheckOutcome.Waiting:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                RetryAfterSeconds = Web.Problems.RetryAfter.Set(Response, result.RetryAfter!.Value);
                return await AgainAsync(state, account, "Waiting");
            case CodeCheckOutcome.Suspended:
                return await AgainAsync(state, account, "Suspended");
            default:
                if (state.Attempts + 1 >= PendingLogin.MaxAttempts)
                {
                    PendingLogin.Clear(Response);
                    return Redirect("/connexion");
                }

                return await AgainAsync(state with { Attempts = state.Attempts + 1 }, account, "Refused");
        }
    }

    // After recovering a suspended authenticator the password is known to someone else: change it first.
    // Otherwise the page asked for before the login, or the page of the day's work.
    private async Task<LocalRedirectResult> NextAsync(PendingLogin.State state, AccountRecord account, bool recovered, CancellationToken cancellation) =>
        LocalRedirect(recovered ? MotDePasseAfterRecovery : IndexModel.LocalOrNull(state.ReturnUrl) ?? await login.LandingAsync(account, cancellation));

    /// <summary>Where a holder goes after lifting a suspension.</summary>
    public const string MotDePasseAfterRecovery = "/compte/mot-de-passe?raison=suspension";

    // The form again with its message (200, or 429 while the account waits), as on the password step.
    private async Task<IActionResult> AgainAsync(PendingLogin.State state, AccountRecord account, string message)
    {
        await OfferPasskeyAsync(state, account);
        Message = message;
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
