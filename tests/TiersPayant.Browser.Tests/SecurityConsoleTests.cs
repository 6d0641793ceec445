using System.Text.RegularExpressions;
using Microsoft.Playwright;

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
        await PortalSteps.AddVirtualAuthenticatorAsync(analystContext, analyst);
        var staff = server.Staff.First(s => s.Role == "security");
        var audiologist = server.Accounts.First(a => a.Profession == "audioprothesiste");

        await PortalSteps.LogInAsync(office, audiologist.Login, audiologist.Password, PortalSteps.Code(audiologist.TotpSecret));
        await Assertions.Expect(office).ToHaveURLAsync(new Regex("/droits$"));

        await PortalSteps.FirstStaffLoginWithPasskeyAsync(analyst, staff);

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
}
