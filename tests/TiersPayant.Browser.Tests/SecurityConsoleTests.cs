using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;

namespace TiersPayant.Browser.Tests;

public sealed class SecurityConsoleTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_security_analyst_registers_a_passkey_at_first_login_then_ends_a_professionals_sessions()
    {
        server.RequireBrowser();
        await using var analystContext = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        await using var officeContext = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var analyst = await analystContext.NewPageAsync();
        var office = await officeContext.NewPageAsync();
        var cdp = await analystContext.NewCDPSessionAsync(analyst);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true,
            },
        });
        var staff = server.Staff.First(s => s.Role == "security");
        var audiologist = server.Accounts.First(a => a.Profession == "audioprothesiste");

        await office.GotoAsync("/connexion");
        await office.GetByLabel("Identifiant").FillAsync(audiologist.Login);
        await office.GetByLabel("Mot de passe").FillAsync(audiologist.Password);
        await office.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await office.GetByLabel("Code", new() { Exact = true }).FillAsync(Code(audiologist.TotpSecret));
        await office.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(office).ToHaveURLAsync(new Regex("/compte$"));

        // First login: password, the issued code, then a passkey, which alone opens the account from now on.
        await analyst.GotoAsync("/connexion");
        await analyst.GetByLabel("Identifiant").FillAsync(staff.Login);
        await analyst.GetByLabel("Mot de passe").FillAsync(staff.Password);
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await analyst.GetByLabel("Code", new() { Exact = true }).FillAsync(Code(staff.TotpSecret));
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("/compte/cle-d-acces$"));
        await analyst.GetByLabel("Nom de l'appareil").FillAsync("Poste SOC");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la clé d'accès" }).ClickAsync();
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("/compte$"));

        await analyst.GetByRole(AriaRole.Link, new() { Name = "Console de sécurité" }).ClickAsync();
        await analyst.GetByLabel("Identifiant du compte").FillAsync(audiologist.Login);
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(analyst.GetByText("Sessions ouvertes : 1")).ToBeVisibleAsync();
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Mettre fin à toutes ses sessions" }).ClickAsync();
        await Assertions.Expect(analyst.GetByText("1 session(s) fermée(s)")).ToBeVisibleAsync();
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "security-console.png"), FullPage = true });

        await office.ReloadAsync();
        await Assertions.Expect(office).ToHaveURLAsync(new Regex("/connexion"));
    }

    private static string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp();
}
