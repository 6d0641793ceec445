using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TiersPayant.Cli;

namespace TiersPayant.Browser.Tests;

/// <summary>
/// After a payment run and a billing run (the operator's verbs beside the running server): an
/// optician opens the remittance statement of the invoice it sent and downloads its CSV; the
/// insurer's manager opens the statement billed to its insurer and its chart.
/// </summary>
public sealed class PaymentsTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task An_optician_downloads_the_statement_that_paid_its_invoice_and_the_insurer_manager_opens_its_statement_and_chart()
    {
        server.RequireBrowser();
        var manager = server.Staff.Single(s => s.Role == "insurer-manager");
        var optician = server.Accounts.Where(a => a.Profession == "opticien").Last();
        var card = server.Cards.First(c => c.Note is null && c.Insurer == manager.Insurer && c.Domains.Contains("optique"));
        await using var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR", AcceptDownloads = true });
        var page = await context.NewPageAsync();

        await PortalSteps.LogInAsync(page, optician.Login, optician.Password, PortalSteps.Code(optician.TotpSecret), start: "/prises-en-charge");
        await page.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
        await page.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(card.LastName);
        await page.GetByLabel("Prénom").FillAsync(card.FirstName);
        await page.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
        await page.GetByLabel("Ligne 1 : produit ou acte").SelectOptionAsync("2999001");
        await page.GetByLabel("Ligne 1 : prix unitaire (€)").FillAsync("30");
        await page.GetByLabel("Date de l'ordonnance").FillAsync(DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Prescripteur (RPPS)").FillAsync("10000123454");
        await page.GetByLabel("Œil droit : sphère").FillAsync("-1");
        await page.GetByLabel("Œil gauche : sphère").FillAsync("-1");
        await page.GetByLabel("Ordonnance", new() { Exact = true }).SetInputFilesAsync(OpticsFormAndPrintTests.Prescription);
        await page.GetByLabel("Devis signé", new() { Exact = true }).SetInputFilesAsync(OpticsFormAndPrintTests.Quote);
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander la prise en charge" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Facturer cette prise en charge" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facture acceptée" })).ToBeVisibleAsync();
        var invoice = Regex.Match(await page.ContentAsync(), "FAC-[0-9A-Z]{10}").Value;

        Assert.Equal(0, await TiersCli.RunAsync(["payments", "run", "--data", server.DataDirectory], TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, await TiersCli.RunAsync(["billing", "run", "--data", server.DataDirectory], TextWriter.Null, TextWriter.Null));

        await page.GetByRole(AriaRole.Link, new() { Name = "Paiements", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vos paiements" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^RUN-") }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = invoice })).ToContainTextAsync("Payée");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le relevé (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("paiement;facture;date_soins", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(invoice, csv, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "remittance.png"), FullPage = true });

        await using var staffContext = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, Locale = "fr-FR" });
        var staffPage = await staffContext.NewPageAsync();
        await PortalSteps.AddVirtualAuthenticatorAsync(staffContext, staffPage);
        await PortalSteps.FirstStaffLoginWithPasskeyAsync(staffPage, manager);
        await staffPage.GetByRole(AriaRole.Link, new() { Name = "Relevés", Exact = true }).ClickAsync();
        await Assertions.Expect(staffPage.GetByRole(AriaRole.Heading, new() { Name = "Facturation et relevés" })).ToBeVisibleAsync();
        var chart = staffPage.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("Diagramme en barres") });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        // Its size is given, so it shows before it loads: wait for the load (or the error) itself.
        Assert.True(await chart.EvaluateAsync<bool>(
            "img => (img.complete ? Promise.resolve() : new Promise(done => { img.onload = done; img.onerror = done; })).then(() => img.naturalWidth > 0)"),
            "the chart did not load");
        await staffPage.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^BILL-") }).First.ClickAsync();
        await Assertions.Expect(staffPage.GetByRole(AriaRole.Row).Filter(new() { HasText = invoice })).ToBeVisibleAsync();
        await staffPage.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "insurer-statement.png"), FullPage = true });
    }
}
