using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

public sealed class AgreementAndInvoiceTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task An_optician_gets_an_agreement_for_class_A_glasses_then_invoices_it()
    {
        server.RequireBrowser();
        await using var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        var optician = server.Accounts.Where(a => a.Profession == "opticien").Skip(1).First();
        var card = server.Cards.First(c => c.Note is null && c.Insurer != "130000034" && c.Domains.Contains("optique"));

        await PortalSteps.LogInAsync(page, optician.Login, optician.Password, PortalSteps.Code(optician.TotpSecret), start: "/prises-en-charge");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/prises-en-charge$"));

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
        await page.GetByLabel("Ligne 3 : produit ou acte").SelectOptionAsync("2999011");
        await page.GetByLabel("Ligne 3 : côté").SelectOptionAsync("left");
        await page.GetByLabel("Ligne 3 : prix unitaire (€)").FillAsync("60");
        await page.GetByLabel("Date de l'ordonnance").FillAsync(DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Prescripteur (RPPS)").FillAsync("10000123454");
        await page.GetByLabel("Œil droit : sphère").FillAsync("-1.25");
        await page.GetByLabel("Œil gauche : sphère").FillAsync("-1");
        await page.GetByLabel("Ordonnance", new() { Exact = true }).SetInputFilesAsync(OpticsFormAndPrintTests.Prescription);
        await page.GetByLabel("Devis signé", new() { Exact = true }).SetInputFilesAsync(OpticsFormAndPrintTests.Quote);
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander la prise en charge" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accordée", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(new Regex("PEC-[0-9A-Z]{10}")).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "agreement.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Facturer cette prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Numéro de prise en charge")).ToHaveValueAsync(new Regex("PEC-[0-9A-Z]{10}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facture acceptée" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture acceptée" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "invoice.png"), FullPage = true });
    }
}
