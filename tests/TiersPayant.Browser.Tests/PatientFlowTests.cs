using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

/// <summary>One flow per patient, typed once: rights check, prior agreement, invoice; a double click and a cancel.</summary>
public sealed class PatientFlowTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task An_optician_types_the_patient_once_from_rights_check_to_invoice()
    {
        server.RequireBrowser();
        await using var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        var optician = server.Accounts.First(a => a.Profession == "opticien");
        var card = server.Cards.Where(c => c.Note is null && c.Insurer != "130000034" && c.Domains.Contains("optique")).Skip(2).First();

        await PortalSteps.LogInAsync(page, optician.Login, optician.Password, PortalSteps.Code(optician.TotpSecret));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/droits$")); // the day starts with a patient's rights

        // Typed once, here.
        await page.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
        await page.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
        await page.GetByLabel("Nom", new() { Exact = false }).First.FillAsync(card.LastName);
        await page.GetByLabel("Prénom").FillAsync(card.FirstName);
        await page.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Droits ouverts" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander une prise en charge" }).ClickAsync();

        // The agreement form already knows who it is for, and asks nothing of them.
        await Assertions.Expect(page.GetByText(new Regex($"Pour {Regex.Escape(card.LastName)} {Regex.Escape(card.FirstName)}"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Numéro d'adhérent")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Autre patient" })).ToBeVisibleAsync();
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
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "flow-agreement.png"), FullPage = true });

        // Invoiced with a double click: one invoice, no rejected one beside it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Facturer cette prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Numéro de prise en charge")).ToHaveValueAsync(new Regex("PEC-[0-9A-Z]{10}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).DblClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facture acceptée" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Numéro de prise en charge")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture acceptée" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture rejetée" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "flow-invoice.png"), FullPage = true });

        // "Annuler" asks first; only the second, explicit button cancels.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture acceptée" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"Annuler la facture FAC-[0-9A-Z]{10} \?") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture acceptée" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "flow-cancel-confirm.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, annuler cette facture" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture annulée" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture acceptée" })).ToHaveCountAsync(0);
    }
}
