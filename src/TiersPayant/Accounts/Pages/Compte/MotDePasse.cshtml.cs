using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Guard;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts.Pages.Compte;

/// <summary>
/// Changes the account's password (the policy of <see cref="PasswordPolicy"/>), then ends every
/// other session: whoever knew the old password and got in somewhere is out.
/// </summary>
[Authorize]
[NoPersonalData]
public sealed class MotDePasseModel(UserManager<AccountRecord> users, PortalSessions sessions, PasswordHashingGate gate) : PageModel
{
    /// <summary>Resource keys of what was wrong, or of the success.</summary>
    public List<string> Messages { get; private set; } = [];

    public bool Changed { get; private set; }

    public int MinimumLength => PasswordPolicy.MinimumLength;

    /// <summary>Arrived here right after recovering a suspended authenticator: the password is known to someone else.</summary>
    public bool AfterSuspension { get; private set; }

    /// <summary>Arrived here after the security team gave the account back with a temporary password.</summary>
    public bool AfterRestore { get; private set; }

    public void OnGet(string? raison) => (AfterSuspension, AfterRestore) = (raison == "suspension", raison == "restauration");

    public async Task<IActionResult> OnPostAsync([FromForm] string? current, [FromForm] string? password, [FromForm] string? confirmation, CancellationToken cancellation)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Redirect("/connexion");
        }

        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
        {
            return Refuse("Mismatch");
        }

        if (current is not { Length: > 0 and <= PasswordPolicy.MaximumLength })
        {
            return Refuse("WrongCurrent");
        }

        // Two hashes (check and new): under the same limit as logins, so this page cannot starve the server.
        // The flag is written with the new password, or not at all.
        AfterRestore = account.MustChangePassword;
        account.MustChangePassword = false;
        var (ran, result) = await gate.TryRunAsync(() => users.ChangePasswordAsync(account, current, password ?? string.Empty), cancellation);
        if (!ran)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Refuse("Busy");
        }

        if (!result.Succeeded)
        {
            return Refuse([.. result.Errors.Select(e => e.Code == "PasswordMismatch" ? "WrongCurrent" : e.Code)]);
        }

        var mine = Guid.Parse(User.FindFirstValue(PortalSessionAuthentication.SessionIdClaim)!);
        foreach (var other in (await sessions.ListOpenAsync(account.Id, cancellation)).Where(s => s.Id != mine))
        {
            await sessions.EndAsync(account.Id, other.Id, "password-changed", cancellation);
        }

        Changed = true;
        return Page();
    }

    private PageResult Refuse(params string[] messages)
    {
        if (Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Messages = [.. messages];
        return Page();
    }
}
