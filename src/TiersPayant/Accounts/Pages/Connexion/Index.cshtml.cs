using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TiersPayant.Accounts.ProSanteConnect;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts.Pages.Connexion;

/// <summary>
/// First step of a login: login and password, answered the same way whatever was wrong; or
/// Pro Santé Connect, when the platform is configured for it.
/// </summary>
[NoPersonalData]
public sealed class IndexModel(IOptions<ProSanteConnectOptions> proSanteConnect) : PageModel
{
    public string? Message { get; private set; }

    public string? Login { get; private set; }

    public string? ReturnUrl { get; private set; }

    public bool ProSanteConnect => proSanteConnect.Value.Enabled;

    public string ProSanteConnectHref => ReturnUrl is null
        ? ProSanteConnectSetup.StartPath
        : ProSanteConnectSetup.StartPath + "?returnUrl=" + Uri.EscapeDataString(ReturnUrl);

    public void OnGet(string? returnUrl) => ReturnUrl = LocalOrNull(returnUrl);

    public async Task<IActionResult> OnPostAsync(
        [FromForm] string? login, [FromForm] string? password, [FromForm] string? returnUrl,
        [FromServices] PasswordLogin passwords, [FromServices] PendingLogin pending, [FromServices] DeviceRecognition devices,
        [FromServices] Microsoft.AspNetCore.Identity.UserManager<Data.Accounts.AccountRecord> users, CancellationToken cancellation)
    {
        Login = login?.Length > 256 ? null : login;
        ReturnUrl = LocalOrNull(returnUrl);
        var result = await passwords.CheckAsync(login, password, PortalLogin.Address(HttpContext), devices.DeviceId(Request), cancellation);
        switch (result.Outcome)
        {
            case PasswordLoginOutcome.Accepted:
                var account = result.Account!;
                if (account.Kind == AccountKinds.Staff)
                {
                    // Staff: a passkey. At the first login, the authenticator code the account was
                    // issued with opens the passkey registration. Without either, the account cannot
                    // log in (an administrator must issue it again), and the answer is the usual
                    // refusal: it must not confirm that the password was right.
                    if (account.TotpSecretCipher is null && (await users.GetPasskeysAsync(account)).Count == 0)
                    {
                        Message = "Refused";
                        return Page();
                    }

                    pending.Write(Response, new PendingLogin.State(account.Id, null, 0, ReturnUrl));
                    return Redirect("/connexion/second-facteur");
                }

                var enrolment = account.TotpSecretCipher is null ? TotpAuthenticator.NewSecret() : null;
                pending.Write(Response, new PendingLogin.State(account.Id, enrolment, 0, ReturnUrl));
                return Redirect(enrolment is null ? "/connexion/second-facteur" : "/connexion/activation");
            case PasswordLoginOutcome.Throttled or PasswordLoginOutcome.Busy:
                Web.Problems.RetryAfter.Set(Response, result.RetryAfter!.Value);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Message = "TryLater";
                return Page();
            case PasswordLoginOutcome.Refused:
            default:
                // The form again with its message (200): a 401 would announce HTTP authentication,
                // which this form is not (RFC 9110 ties 401 to a WWW-Authenticate challenge).
                Message = "Refused";
                return Page();
        }
    }

    internal static string? LocalOrNull(string? url) =>
        url is { Length: > 1 and < 512 } && url[0] == '/' && url[1] is not ('/' or '\\') ? url : null;
}
