using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Data;
using TiersPayant.Features.Accounts;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Portal.Connexion;

/// <summary>
/// Second step: a code from the authenticator app (each usable once) or a recovery code. A wrong
/// code counts as a failed login of the account and is reported to its holder.
/// </summary>
public sealed class SecondFacteurModel(TiersPayantDbContext db, PendingLogin pending, PortalLogin login) : PageModel
{
    public string? Message { get; private set; }

    public IActionResult OnGet() => pending.Read(Request) is null ? Redirect("/connexion") : Page();

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

        var method = totp.VerifyAndConsume(account, code) ? "totp"
            : await recovery.RedeemAsync(account.Id, code, cancellation) ? "recovery-code"
            : null;
        if (method is not null)
        {
            LoginThrottle.AccountSucceeded(account);
            await login.OpenSessionAsync(HttpContext, account, method, cancellation);
            return LocalRedirect(IndexModel.LocalOrNull(state.ReturnUrl) ?? "/compte");
        }

        throttle.AccountFailed(account);
        await login.SecondFactorFailedAsync(HttpContext, account, cancellation);
        if (state.Attempts + 1 >= PendingLogin.MaxAttempts)
        {
            PendingLogin.Clear(Response);
            return Redirect("/connexion");
        }

        pending.Write(Response, state with { Attempts = state.Attempts + 1 });
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Message = "Refused";
        return Page();
    }
}
