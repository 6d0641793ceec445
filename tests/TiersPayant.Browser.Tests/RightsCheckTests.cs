using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

public sealed class RightsCheckTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_pharmacist_checks_a_patients_rights_from_the_card()
    {
        server.RequireBrowser();
        await using var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        var pharmacist = server.Accounts.Where(a => a.Profession == "pharmacien").Skip(1).First();
        var card = server.Cards.First(c => c.Domains.Contains("pharmacie"));

        await PortalSteps.LogInAsync(page, pharmacist.Login, pharmacist.Password, PortalSteps.Code(pharmacist.TotpSecret), start: "/droits");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/droits$"));

        await page.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
        await page.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
        await page.GetByLabel("Nom (d'usage ou de naissance)").FillAsync(card.LastName.ToLowerInvariant());
        await page.GetByLabel("Prénom").FillAsync(card.FirstName);
        await page.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Droits ouverts" })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Pharmacie" });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell, new() { Name = "Oui" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(new Regex("IDB-[0-9A-Z]{10}"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Numéro d'adhérent")).ToHaveValueAsync(string.Empty); // ready for the next patient
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "rights-check.png"), FullPage = true });

        await page.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
        await page.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
        await page.GetByLabel("Nom (d'usage ou de naissance)").FillAsync("Quelqu'un-d'autre");
        await page.GetByLabel("Prénom").FillAsync(card.FirstName);
        await page.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aucune correspondance" })).ToBeVisibleAsync();
    }
}
