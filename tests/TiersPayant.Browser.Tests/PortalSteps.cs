using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;

namespace TiersPayant.Browser.Tests;

/// <summary>What a person does in the browser again and again: log in, give Chromium a passkey authenticator.</summary>
internal static class PortalSteps
{
    /// <summary>The authenticator app's code now for <paramref name="secret"/>.</summary>
    public static string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp();

    /// <summary>Password, then a code, on the login page (from <paramref name="start"/>, which redirects there).</summary>
    public static async Task LogInAsync(IPage page, string login, string password, string code, string start = "/connexion")
    {
        await page.GotoAsync(start);
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    /// <summary>A virtual platform authenticator (DevTools protocol) that verifies the user.</summary>
    public static async Task AddVirtualAuthenticatorAsync(IBrowserContext context, IPage page)
    {
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true,
            },
        });
    }

    /// <summary>
    /// A member of staff's first login: password, the issued code, then a passkey registered on the
    /// page's virtual authenticator, which alone opens the account from now on.
    /// </summary>
    public static async Task FirstStaffLoginWithPasskeyAsync(IPage page, DemoStaffAccount staff)
    {
        await LogInAsync(page, staff.Login, staff.Password, Code(staff.TotpSecret));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compte/cle-d-acces$"));
        await page.GetByLabel("Nom de l'appareil").FillAsync("Poste SOC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la clé d'accès" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compte$"));
    }
}
