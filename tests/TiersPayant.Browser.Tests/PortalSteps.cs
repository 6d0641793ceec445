using System.Globalization;
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

    /// <summary>
    /// An optician's request for class A glasses (a frame and two lenses) for <paramref name="card"/>;
    /// without the signed quote it waits for the insurer's decision; <paramref name="decision"/> is the one awaited.
    /// </summary>
    public static async Task RequestGlassesAsync(IPage page, SampleCard card, bool withQuote = true, string decision = "Accordée")
    {
        await page.GotoAsync("/prises-en-charge");
        await page.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
        await page.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(card.LastName);
        await page.GetByLabel("Prénom").FillAsync(card.FirstName);
        await page.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
        await page.GetByLabel("Ligne 1 : produit ou acte").SelectOptionAsync("2999001");
        await page.GetByLabel("Ligne 1 : prix unitaire (€)").FillAsync("30");
        await page.GetByLabel("Ligne 2 : produit ou acte").SelectOptionAsync("2999011");
        await page.GetByLabel("Ligne 2 : côté").SelectOptionAsync("right");
        await page.GetByLabel("Ligne 2 : prix unitaire (€)").FillAsync("60");
        await page.GetByLabel("Date de l'ordonnance").FillAsync(DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Prescripteur (RPPS)").FillAsync("10000123454");
        await page.GetByLabel("Œil droit : sphère").FillAsync("-1.25");
        await page.GetByLabel("Œil gauche : sphère").FillAsync("-1");
        await page.GetByLabel("Ordonnance", new() { Exact = true }).SetInputFilesAsync(OpticsFormAndPrintTests.Prescription);
        if (withQuote)
        {
            await page.GetByLabel("Devis signé", new() { Exact = true }).SetInputFilesAsync(OpticsFormAndPrintTests.Quote);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Demander la prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = decision, Exact = true })).ToBeVisibleAsync();
    }
}
