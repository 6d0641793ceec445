using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts.Pages.Connexion;

/// <summary>
/// First login of an account without a second factor: it must enrol an authenticator app before
/// anything else opens, then receives its recovery codes once.
/// </summary>
[NoPersonalData]
public sealed class ActivationModel(TiersPayantDbContext db, PendingLogin pending) : PageModel
{
    public string? Secret { get; private set; }

    public string? QrCode { get; private set; }

    public string? Message { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string Next { get; private set; } = "/compte";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation) =>
        await ShowAsync(cancellation) ? Page() : Redirect("/connexion");

    public async Task<IActionResult> OnPostAsync(
        [FromForm] string? code, [FromServices] TotpAuthenticator totp, [FromServices] RecoveryCodes recovery,
        [FromServices] PortalLogin login, CancellationToken cancellation)
    {
        var state = pending.Read(Request);
        var account = state?.EnrolmentSecret is null ? null : await db.Users.FindAsync([state.AccountId], cancellation);
        if (state is null || account is null || account.TotpSecretCipher is not null)
        {
            return Redirect("/connexion");
        }

        if (totp.Verify(state.EnrolmentSecret!, code) is not { } step)
        {
            await ShowAsync(cancellation);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Message = "Refused";
            return Page();
        }

        totp.Enrol(account, state.EnrolmentSecret!);
        account.TotpLastStep = step; // the code just typed is spent
        await login.OpenSessionAsync(HttpContext, account, "totp", cancellation);
        RecoveryCodes = await recovery.RegenerateAsync(account.Id, cancellation);
        Next = IndexModel.LocalOrNull(state.ReturnUrl) ?? await login.LandingAsync(account, cancellation);
        return Page();
    }

    private async Task<bool> ShowAsync(CancellationToken cancellation)
    {
        var state = pending.Read(Request);
        var account = state?.EnrolmentSecret is null ? null : await db.Users.FindAsync([state.AccountId], cancellation);
        if (account is null)
        {
            return false;
        }

        Secret = state!.EnrolmentSecret;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(TotpAuthenticator.EnrolmentUri(Secret!, account.UserName ?? "compte"), QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        return true;
    }
}
