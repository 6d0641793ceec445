using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Data;
using TiersPayant.Guard;
using TiersPayant.Data.Accounts;

namespace TiersPayant.Accounts.Pages.Compte;

/// <summary>
/// Registers a passkey (WebAuthn, phishing-resistant): from the account page, or at a staff
/// account's first login, where a passkey is the only second factor accepted.
/// </summary>
[NoPersonalData]
public sealed class CleDAccesModel(
    TiersPayantDbContext db, UserManager<AccountRecord> users, IPasskeyHandler<AccountRecord> passkeys,
    PasskeyState state, PendingLogin pending) : PageModel
{
    public string OptionsJson { get; private set; } = "{}";

    public bool FirstLogin { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        if (await AccountAsync(cancellation) is not { } account)
        {
            return Redirect("/connexion");
        }

        await PrepareAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? credential, [FromForm] string? name, [FromServices] PortalLogin login, CancellationToken cancellation)
    {
        if (await AccountAsync(cancellation) is not { } account)
        {
            return Redirect("/connexion");
        }

        var attestationState = state.Take(Request, Response, account.Id);
        var result = string.IsNullOrEmpty(credential) || attestationState is null
            ? null
            : await passkeys.PerformAttestationAsync(new PasskeyAttestationContext { HttpContext = HttpContext, CredentialJson = credential, AttestationState = attestationState });
        if (result is not { Succeeded: true })
        {
            await PrepareAsync(account);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Message = "Refused";
            return Page();
        }

        var label = name?.Trim();
        result.Passkey.Name = string.IsNullOrEmpty(label) ? null : label[..Math.Min(60, label.Length)];
        if (!(await users.AddOrUpdatePasskeyAsync(account, result.Passkey)).Succeeded)
        {
            await PrepareAsync(account);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Message = "Refused";
            return Page();
        }

        if (FirstLogin)
        {
            // The staff account's issued code has done its only job: from now on, a passkey.
            account.TotpSecretCipher = null;
            await login.OpenSessionAsync(HttpContext, account, "passkey", cancellation);
        }

        return Redirect("/compte");
    }

    // The signed-in account, or the staff account at its first login.
    private async Task<AccountRecord?> AccountAsync(CancellationToken cancellation)
    {
        if (User.Identity?.IsAuthenticated == true && Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var signedIn))
        {
            return await db.Users.FindAsync([signedIn], cancellation);
        }

        if (pending.Read(Request) is { PasskeyEnrolment: true } first)
        {
            FirstLogin = true;
            return await db.Users.FindAsync([first.AccountId], cancellation);
        }

        return null;
    }

    private async Task PrepareAsync(AccountRecord account)
    {
        var options = await passkeys.MakeCreationOptionsAsync(
            new PasskeyUserEntity { Id = account.Id.ToString(), Name = account.UserName ?? string.Empty, DisplayName = account.DisplayName },
            HttpContext);
        state.Write(Response, account.Id, options.AttestationState!);
        OptionsJson = options.CreationOptionsJson;
    }
}
