using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

public sealed partial class PortalLoginTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_professional_logs_in_with_password_and_authenticator_code()
    {
        server.RequireBrowser();
        await using var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        var optician = server.Accounts.First(a => a.Profession == "opticien");

        await LogInWithCodeAsync(page, optician);

        // The day's work first: the rights check, where every patient's flow starts.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/droits$"));
        await page.GotoAsync("/compte");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon compte" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(optician.Login)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "login-totp.png"), FullPage = true });
    }

    [Fact]
    public async Task A_passkey_is_registered_then_replaces_the_code_at_the_next_login()
    {
        server.RequireBrowser();
        await using var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await PortalSteps.AddVirtualAuthenticatorAsync(context, page);
        var dentist = server.Accounts.First(a => a.Profession == "chirurgien-dentiste");

        await LogInWithCodeAsync(page, dentist);
        await page.GotoAsync("/compte/cle-d-acces");
        await page.GetByLabel("Nom de l'appareil").FillAsync("Poste du cabinet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la clé d'accès" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compte$"));
        await Assertions.Expect(page.GetByText("Clé d'accès : Poste du cabinet")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(dentist.Login);
        await page.GetByLabel("Mot de passe").FillAsync(dentist.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Utiliser ma clé d'accès" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/droits$"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "login-passkey.png"), FullPage = true });
    }

    [Fact]
    public async Task A_session_is_ended_from_the_session_list_of_another_browser()
    {
        server.RequireBrowser();
        await using var office = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        await using var laptop = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR", UserAgent = "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0" });
        var officePage = await office.NewPageAsync();
        var laptopPage = await laptop.NewPageAsync();
        var pharmacist = server.Accounts.First(a => a.Profession == "pharmacien");

        await LogInWithCodeAsync(officePage, pharmacist);
        await Assertions.Expect(officePage).ToHaveURLAsync(new Regex("/droits$"));
        await officePage.GotoAsync("/compte");
        // The same 30-second code cannot serve twice: the laptop uses a recovery code.
        await officePage.GetByRole(AriaRole.Button, new() { Name = "Générer de nouveaux codes de secours" }).ClickAsync();
        var recovery = await officePage.Locator("ul.codes code").First.InnerTextAsync();
        await LogInAsync(laptopPage, pharmacist, recovery);
        await Assertions.Expect(laptopPage).ToHaveURLAsync(new Regex("/droits$"));

        await officePage.ReloadAsync();
        var laptopRow = officePage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Firefox sur Windows" });
        await laptopRow.GetByRole(AriaRole.Button, new() { Name = "Mettre fin" }).ClickAsync();
        await Assertions.Expect(officePage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Firefox sur Windows" })).ToHaveCountAsync(0);

        await laptopPage.ReloadAsync();
        await Assertions.Expect(laptopPage).ToHaveURLAsync(new Regex("/connexion"));
        await officePage.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "sessions.png"), FullPage = true });
    }

    [Fact]
    public async Task A_session_cookie_taken_to_another_browser_asks_for_the_second_factor_again()
    {
        server.RequireBrowser();
        await using var office = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        await using var other = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR", UserAgent = "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0" });
        var officePage = await office.NewPageAsync();
        var dentist = server.Accounts.Where(a => a.Profession == "chirurgien-dentiste").Skip(1).First();
        await LogInWithCodeAsync(officePage, dentist);
        await Assertions.Expect(officePage).ToHaveURLAsync(new Regex("/droits$"));
        await officePage.GotoAsync("/compte");
        await officePage.GetByRole(AriaRole.Button, new() { Name = "Générer de nouveaux codes de secours" }).ClickAsync();
        var recovery = await officePage.Locator("ul.codes code").First.InnerTextAsync();

        await other.AddCookiesAsync([.. (await office.CookiesAsync()).Where(c => c.Name == "tp_session").Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        })]);
        var otherPage = await other.NewPageAsync();
        await otherPage.GotoAsync("/droits");
        await Assertions.Expect(otherPage).ToHaveURLAsync(new Regex("/connexion/verification"));
        await Assertions.Expect(otherPage.GetByRole(AriaRole.Heading, new() { Name = "Confirmez que c'est bien vous" })).ToBeVisibleAsync();
        await otherPage.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "step-up.png"), FullPage = true });
        await otherPage.GetByLabel("Code").FillAsync(recovery);
        await otherPage.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();

        await Assertions.Expect(otherPage).ToHaveURLAsync(new Regex("/droits$"));
        await officePage.GotoAsync("/droits");
        await Assertions.Expect(officePage).ToHaveURLAsync(new Regex("/connexion/verification")); // the session moved to the other browser
    }

    private static Task LogInWithCodeAsync(IPage page, DemoAccount account) =>
        LogInAsync(page, account, PortalSteps.Code(account.TotpSecret));

    private static Task LogInAsync(IPage page, DemoAccount account, string code) =>
        PortalSteps.LogInAsync(page, account.Login, account.Password, code);
}
