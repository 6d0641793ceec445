using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

/// <summary>The full optics form (axis and addition per eye), documents uploaded, and the decision printed for the patient.</summary>
public sealed class OpticsFormAndPrintTests(PortalServer server) : IClassFixture<PortalServer>
{
    /// <summary>A small PDF, as the practice's scanner would give (header, objects, trailer).</summary>
    public static FilePayload Prescription { get; } = new()
    {
        Name = "ordonnance.pdf",
        MimeType = "application/pdf",
        Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
    };

    /// <summary>A photographed quote: a PNG's signature and IHDR chunk.</summary>
    public static FilePayload Quote { get; } = new()
    {
        Name = "devis.png",
        MimeType = "image/png",
        Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE],
    };

    [Fact]
    public async Task An_optician_fills_the_full_optics_form_uploads_the_prescription_and_quote_and_prints_the_decision()
    {
        server.RequireBrowser();
        await using var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        var optician = server.Accounts.First(a => a.Profession == "opticien");
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
        await page.GetByLabel("Ligne 2 : côté").SelectOptionAsync(new SelectOptionValue { Label = "Droit" });
        await page.GetByLabel("Ligne 2 : prix unitaire (€)").FillAsync("60");
        await page.GetByLabel("Ligne 3 : produit ou acte").SelectOptionAsync("2999011");
        await page.GetByLabel("Ligne 3 : côté").SelectOptionAsync(new SelectOptionValue { Label = "Gauche" });
        await page.GetByLabel("Ligne 3 : prix unitaire (€)").FillAsync("60");
        await page.GetByLabel("Date de l'ordonnance").FillAsync(DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Prescripteur (RPPS)").FillAsync("10000123454");
        await page.GetByLabel("Œil droit : sphère").FillAsync("+1,25");
        await page.GetByLabel("Œil droit : cylindre").FillAsync("-0,50");
        await page.GetByLabel("Œil droit : axe (degrés)").FillAsync("170");
        await page.GetByLabel("Œil droit : addition").FillAsync("2,00");
        await page.GetByLabel("Œil gauche : sphère").FillAsync("+1,00");
        await page.GetByLabel("Œil gauche : cylindre").FillAsync("-0,25");
        await page.GetByLabel("Œil gauche : axe (degrés)").FillAsync("15");
        await page.GetByLabel("Œil gauche : addition").FillAsync("2,00");
        await page.GetByLabel("Ordonnance", new() { Exact = true }).SetInputFilesAsync(Prescription);
        await page.GetByLabel("Devis signé", new() { Exact = true }).SetInputFilesAsync(Quote);
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander la prise en charge" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accordée", Exact = true })).ToBeVisibleAsync();
        var decision = page.Locator("section.result");
        await Assertions.Expect(decision.GetByRole(AriaRole.Cell, new() { Name = "œil droit", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(decision.GetByRole(AriaRole.Cell, new() { Name = "œil gauche", Exact = true })).ToBeVisibleAsync();
        Assert.DoesNotMatch(new Regex(@"\b(right|left)\b"), await decision.InnerTextAsync());
        var number = Regex.Match(await decision.InnerTextAsync(), "PEC-[0-9A-Z]{10}").Value;
        Assert.NotEmpty(number);

        // The agreement's page lists the two documents uploaded; the decision prints from there or from the answer.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ouvrir la prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Prise en charge {number}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ordonnance (PDF" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Devis signé (PNG" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Imprimer ou enregistrer en PDF" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/prises-en-charge/{number}/impression$"));
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Imprimer" })).ToBeHiddenAsync();
        var sheet = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Accord de prise en charge", sheet, StringComparison.Ordinal);
        Assert.Contains(number, sheet, StringComparison.Ordinal);
        // The platform dates an agreement in Paris time: between midnight in Paris and midnight UTC the two days differ.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        Assert.Matches(new Regex($@"Valable du {Regex.Escape(today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))} au \d\d/\d\d/\d{{4}}"), sheet);
        Assert.Contains("Assurance maladie", sheet, StringComparison.Ordinal);
        Assert.Contains("Complémentaire santé", sheet, StringComparison.Ordinal);
        Assert.Contains("Reste à charge du patient : 0,00 €", sheet, StringComparison.Ordinal);
        Assert.Contains("œil droit", sheet, StringComparison.Ordinal);
        Assert.Contains("150,00 €", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(card.LastName, sheet, StringComparison.OrdinalIgnoreCase);

        var pdf = await page.PdfAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "decision.pdf"), Format = "A4", PrintBackground = true });
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
        Assert.True(pdf.Length > 5_000, $"a PDF of {pdf.Length} bytes");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "decision-print.png"), FullPage = true });
    }
}
