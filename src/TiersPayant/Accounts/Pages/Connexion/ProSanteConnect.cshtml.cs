using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TiersPayant.Accounts.ProSanteConnect;
using TiersPayant.Guard;

namespace TiersPayant.Accounts.Pages.Connexion;

/// <summary>
/// Starts a Pro Santé Connect login: the browser goes to the provider with a fresh state, nonce
/// and PKCE challenge. A plain GET, so the button needs no script and no form.
/// </summary>
[NoPersonalData]
public sealed class ProSanteConnectModel(
    IOptions<ProSanteConnectOptions> settings, FederationMetrics metrics, ILogger<ProSanteConnectModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        if (!settings.Value.Enabled)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = IndexModel.LocalOrNull(returnUrl) ?? "/" };
        try
        {
            await HttpContext.ChallengeAsync(ProSanteConnectSetup.Scheme, properties);
            return new EmptyResult();
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            // The provider's discovery document could not be read: a page that says so, not a 500.
            // (Identity model's messages hide personal data by default; these carry none anyway.)
            metrics.Refused(FederationRefusal.ProviderUnavailable);
            FederationLog.ProviderUnreachable(logger, e);
            return Redirect(ProSanteConnectEvents.RefusalPath(FederationRefusal.ProviderUnavailable));
        }
    }
}
