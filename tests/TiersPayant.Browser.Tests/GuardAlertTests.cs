using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

/// <summary>
/// A phished optician's session harvesting through the portal is contained; a security analyst
/// logs in with a passkey, sees the alert with its evidence and chart, and restores the account.
/// </summary>
public sealed class GuardAlertTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_security_analyst_with_a_passkey_sees_the_alert_its_evidence_and_chart_and_restores_the_account()
    {
        server.RequireBrowser();
        await using var attackerContext = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        await using var analystContext = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var attacker = await attackerContext.NewPageAsync();
        var analyst = await analystContext.NewPageAsync();
        await PortalSteps.AddVirtualAuthenticatorAsync(analystContext, analyst);
        var optician = server.Accounts.First(a => a.Profession == "opticien");

        // A script driving a phished session: one card after another as fast as the form allows.
        await PortalSteps.LogInAsync(attacker, optician.Login, optician.Password, PortalSteps.Code(optician.TotpSecret), start: "/droits");
        await Assertions.Expect(attacker).ToHaveURLAsync(new Regex("/droits$"));
        foreach (var card in server.Cards.DistinctBy(c => (c.Insurer, c.MemberNumber, c.BirthDate)).Take(6))
        {
            await attacker.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
            await attacker.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
            await attacker.GetByLabel("Nom (d'usage ou de naissance)").FillAsync(card.LastName);
            await attacker.GetByLabel("Prénom").FillAsync(card.FirstName);
            await attacker.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
            await attacker.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();
            if (await attacker.GetByRole(AriaRole.Alert).CountAsync() > 0)
            {
                break;
            }
        }

        await Assertions.Expect(attacker.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();

        var staff = server.Staff.First(s => s.Role == "security");
        await PortalSteps.FirstStaffLoginWithPasskeyAsync(analyst, staff);

        await analyst.GetByRole(AriaRole.Link, new() { Name = "Console de sécurité" }).ClickAsync();
        await Assertions.Expect(analyst.GetByText("1 accès suspendu(s) par le garde")).ToBeVisibleAsync();
        await analyst.GetByRole(AriaRole.Link, new() { Name = "Examiner" }).ClickAsync();
        await Assertions.Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Alerte : " + optician.Login })).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByText("Vitesse de machine").First).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByText(new Regex("5 new people in [0-9.]+ s")).First).ToBeVisibleAsync();
        var chart = analyst.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Nouvelles personnes par heure") });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.True(await chart.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the chart drew (an SVG image under the CSP)");
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "guard-alert.png"), FullPage = true });

        await analyst.GetByLabel("J'ai vérifié l'identité du titulaire").CheckAsync();
        await analyst.GetByLabel("Note (ce qui a été constaté)").First.FillAsync("Session volée par hameçonnage ; titulaire rappelé au cabinet.");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Rétablir l'accès" }).ClickAsync();

        await Assertions.Expect(analyst.GetByText("Accès rétabli. La session et les facteurs ont été réinitialisés.")).ToBeVisibleAsync();
        await Assertions.Expect(analyst.Locator("[data-temporary-password]")).ToHaveTextAsync(new Regex("^([A-Za-z0-9]{5}-){3}[A-Za-z0-9]{5}$"));
        await attacker.ReloadAsync();
        await Assertions.Expect(attacker).ToHaveURLAsync(new Regex("/connexion"));
    }
}
