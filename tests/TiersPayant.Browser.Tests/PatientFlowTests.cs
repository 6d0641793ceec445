using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

/// <summary>
/// One flow per patient, typed once: rights check, prior agreement, the decision printed, invoice;
/// a double click and a cancel. On a desktop and on a 360 px phone, where no step may scroll sideways.
/// </summary>
public sealed class PatientFlowTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Theory]
    [InlineData(1280, 2)]
    [InlineData(360, 3)]
    public async Task An_optician_types_the_patient_once_from_rights_check_to_printed_decision_and_invoice(int width, int patient)
    {
        server.RequireBrowser();
        await using var context = await server.Browser.NewContextAsync(new()
        {
            BaseURL = server.BaseUrl, Locale = "fr-FR", ViewportSize = new() { Width = width, Height = 800 },
        });
        var page = await context.NewPageAsync();
        // One optician per width: the second login would otherwise replay the first one's code.
        var optician = server.Accounts.Where(a => a.Profession == "opticien").Skip(patient - 2).First();
        var card = server.Cards.Where(c => c.Note is null && c.Insurer != "130000034" && c.Domains.Contains("optique")).Skip(patient).First();
        var shots = Path.Combine(PortalServer.Artefacts, "flow-" + width);
        Directory.CreateDirectory(shots);

        await PortalSteps.LogInAsync(page, optician.Login, optician.Password, PortalSteps.Code(optician.TotpSecret));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/droits$")); // the day starts with a patient's rights
        await AssertFitsAsync(page, width, "droits");

        // Typed once, here.
        await page.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
        await page.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
        await page.GetByLabel("Nom", new() { Exact = false }).First.FillAsync(card.LastName);
        await page.GetByLabel("Prénom").FillAsync(card.FirstName);
        await page.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Droits ouverts" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, width, "droits, résultat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander une prise en charge" }).ClickAsync();

        // The agreement form already knows who it is for, and asks nothing of them.
        await Assertions.Expect(page.GetByText(new Regex($"Pour {Regex.Escape(card.LastName)} {Regex.Escape(card.FirstName)}"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Numéro d'adhérent")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Autre patient" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, width, "prise en charge, formulaire");
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
        await AssertFitsAsync(page, width, "prise en charge, accordée");
        var number = Regex.Match(await page.Locator(".decision-number").InnerTextAsync(), "PEC-[0-9A-Z]{10}").Value;
        Assert.NotEmpty(number);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "agreement.png"), FullPage = true });

        // The agreement's page, and its decision printed for the patient to take home.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ouvrir la prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Prise en charge {number}" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, width, "prise en charge, détail");
        await page.GetByRole(AriaRole.Link, new() { Name = "Imprimer ou enregistrer en PDF" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/prises-en-charge/{number}/impression$"));
        await AssertFitsAsync(page, width, "impression");
        var sheet = await page.Locator("main").InnerTextAsync();
        Assert.Contains(number, sheet, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Valable du \d\d/\d\d/\d{4} au \d\d/\d\d/\d{4}"), sheet);
        Assert.Contains("Reste à charge du patient : 0,00 €", sheet, StringComparison.Ordinal);
        Assert.Contains("150,00 €", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(card.LastName, sheet, StringComparison.OrdinalIgnoreCase);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(shots, "decision.pdf"), Format = "A4" });
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Prise en charge {number}" })).ToBeVisibleAsync();

        // Invoiced from the agreement's page with a double click: one invoice, no rejected one beside it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Facturer cette prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Numéro de prise en charge")).ToHaveValueAsync(number);
        await AssertFitsAsync(page, width, "factures, prise en charge reprise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).DblClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facture acceptée" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Numéro de prise en charge")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(Rows(page, number).Filter(new() { HasText = "Facture acceptée" })).ToHaveCountAsync(1);
        await Assertions.Expect(Rows(page, number).Filter(new() { HasText = "Facture rejetée" })).ToHaveCountAsync(0);
        await AssertFitsAsync(page, width, "factures, facture acceptée");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "invoice.png"), FullPage = true });

        // "Annuler" asks first; only the second, explicit button cancels.
        var row = Rows(page, number).Filter(new() { HasText = "Facture acceptée" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"Annuler la facture FAC-[0-9A-Z]{10} \?") })).ToBeVisibleAsync();
        await Assertions.Expect(Rows(page, number).Filter(new() { HasText = "Facture acceptée" })).ToHaveCountAsync(1);
        await AssertFitsAsync(page, width, "factures, annulation à confirmer");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "cancel-confirm.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, annuler cette facture" }).ClickAsync();
        await Assertions.Expect(Rows(page, number).Filter(new() { HasText = "Facture annulée" })).ToHaveCountAsync(1);
        await Assertions.Expect(Rows(page, number).Filter(new() { HasText = "Facture acceptée" })).ToHaveCountAsync(0);
    }

    /// <summary>The invoice list's rows for this agreement.</summary>
    private static ILocator Rows(IPage page, string agreement) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = agreement });

    /// <summary>The page as it stands does not scroll sideways at the width of the test.</summary>
    private static async Task AssertFitsAsync(IPage page, int width, string step)
    {
        await LayoutCheck.DocumentLoadedAsync(page);
        var (scroll, client) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        Assert.True(scroll <= client, $"{step} at {width} px scrolls sideways: {scroll} px of content in {client} px");
    }
}
