using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

/// <summary>
/// Every portal page, in the states that matter (empty, with errors, with a decision, with rows),
/// fits a 360 px phone without sideways scrolling, fits a 1280 px desktop, and passes axe-core,
/// signed in as the person who uses it.
/// </summary>
public sealed class PortalLayoutTests(SignedInPortal portal) : IClassFixture<SignedInPortal>
{
    private readonly LayoutCheck _check = new();

    [Fact]
    public async Task Public_and_login_pages_fit_a_phone_and_pass_axe()
    {
        portal.Server.RequireBrowser();
        var page = await portal.NewPageAsync();
        await Look(page, "/", "accueil");
        await Look(page, "/connexion", "connexion");
        await page.GetByLabel("Identifiant").FillAsync("personne.inconnue");
        await page.GetByLabel("Mot de passe").FillAsync("pas-le-bon-mot-de-passe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await _check.LookAsync(page, "connexion, refusée");

        var dentist = portal.Server.Accounts.First(a => a.Profession == "chirurgien-dentiste");
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(dentist.Login);
        await page.GetByLabel("Mot de passe").FillAsync(dentist.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/connexion/second-facteur$"));
        await _check.LookAsync(page, "second facteur");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await _check.LookAsync(page, "second facteur, code faux");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(PortalSteps.Code(dentist.TotpSecret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/connexion"));

        // The session's cookie in another browser: the step-up page.
        var elsewhere = await portal.NewPageAsync(userAgent: "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
        await elsewhere.Context.AddCookiesAsync([.. (await page.Context.CookiesAsync()).Where(c => c.Name == "tp_session").Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        })]);
        await elsewhere.GotoAsync("/compte");
        await Assertions.Expect(elsewhere).ToHaveURLAsync(new Regex("/connexion/verification"));
        await _check.LookAsync(elsewhere, "vérification (autre navigateur)");

        await Look(page, "/connexion/pro-sante-connect/refus?motif=compte", "Pro Santé Connect, refus");
        await Look(page, "/nulle-part", "erreur 404");
        _check.AssertAll("public");
    }

    [Fact]
    public async Task A_professionals_pages_fit_a_phone_and_pass_axe()
    {
        portal.Server.RequireBrowser();
        await portal.PaidWorkAsync();
        var page = await portal.SignedInAsync(portal.Optician);
        var card = portal.OtherPatient;

        await Look(page, "/droits", "droits");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await _check.LookAsync(page, "droits, erreurs");
        await page.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
        await page.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
        await page.GetByLabel("Nom (d'usage ou de naissance)").FillAsync(card.LastName);
        await page.GetByLabel("Prénom").FillAsync(card.FirstName);
        await page.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Droits ouverts" })).ToBeVisibleAsync();
        await _check.LookAsync(page, "droits, résultat");

        await Look(page, "/prises-en-charge", "prises en charge");
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander la prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await _check.LookAsync(page, "prises en charge, erreurs");
        await PortalSteps.RequestGlassesAsync(page, card);
        await _check.LookAsync(page, "prises en charge, accordée et liste");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ouvrir la prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Prise en charge PEC-") })).ToBeVisibleAsync();
        await _check.LookAsync(page, "prise en charge, détail et pièces");
        await page.GetByRole(AriaRole.Link, new() { Name = "Imprimer ou enregistrer en PDF" }).ClickAsync();
        await _check.LookAsync(page, "prise en charge, impression");
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Prise en charge PEC-") })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Facturer cette prise en charge" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Numéro de prise en charge")).ToHaveValueAsync(new Regex("^PEC-"));
        await _check.LookAsync(page, "factures, prise en charge reprise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facture acceptée" })).ToBeVisibleAsync();
        await _check.LookAsync(page, "factures, facture et liste");
        var invoiced = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture acceptée" }).First;
        await invoiced.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Annuler la facture") })).ToBeVisibleAsync();
        await _check.LookAsync(page, "factures, annulation à confirmer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Non, garder la facture" }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Facture acceptée" }).First.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^FAC-") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Facture FAC-") })).ToBeVisibleAsync();
        await _check.LookAsync(page, "facture, détail");
        await PortalSteps.RequestGlassesAsync(page, card, decision: "Refusée");
        await _check.LookAsync(page, "prises en charge, refusée");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).First.ClickAsync();
        await _check.LookAsync(page, "prises en charge, patient affiché");
        await page.GotoAsync("/factures");
        await page.GetByLabel("Numéro de prise en charge").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).ClickAsync();
        await _check.LookAsync(page, "factures, erreurs");

        await Look(page, "/paiements", "paiements");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^RUN-") }).First.ClickAsync();
        await _check.LookAsync(page, "paiements, relevé");

        await Look(page, "/compte", "compte");
        await page.GetByRole(AriaRole.Button, new() { Name = "Générer de nouveaux codes de secours" }).ClickAsync();
        await _check.LookAsync(page, "compte, codes de secours");
        await Look(page, "/compte/cle-d-acces", "clé d'accès");
        await Look(page, "/compte/mot-de-passe", "mot de passe");
        await page.GetByLabel("Mot de passe actuel").FillAsync("pas le bon");
        await page.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
        await _check.LookAsync(page, "mot de passe, erreurs");
        _check.AssertAll("professionnel");
    }

    [Fact]
    public async Task A_pharmacists_direct_invoice_fits_a_phone_and_passes_axe()
    {
        portal.Server.RequireBrowser();
        var pharmacist = portal.Server.Accounts.First(a => a.Profession == "pharmacien");
        var card = portal.Server.Cards.First(c => c.Note is null && c.Domains.Contains("pharmacie"));
        var page = await portal.SignedInAsync(pharmacist);

        await page.GotoAsync("/droits");
        await page.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
        await page.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
        await page.GetByLabel("Nom (d'usage ou de naissance)").FillAsync(card.LastName);
        await page.GetByLabel("Prénom").FillAsync(card.FirstName);
        await page.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Facture sans prise en charge")).ToBeVisibleAsync();
        await _check.LookAsync(page, "factures, sans prise en charge");
        var direct = page.Locator("form").Filter(new() { HasText = "Facture sans prise en charge" });
        await direct.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await _check.LookAsync(page, "factures, sans prise en charge, erreurs");
        await page.GetByLabel("Date de l'ordonnance").FillAsync(DateTime.Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Prescripteur (RPPS)").FillAsync("10000123454");
        await page.GetByLabel("Ligne 1 : produit").SelectOptionAsync("3400935955838");
        await page.GetByLabel("Ligne 1 : prix unitaire (€)").FillAsync("2,18");
        await direct.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facture acceptée" })).ToBeVisibleAsync();
        await _check.LookAsync(page, "factures, sans prise en charge, acceptée");
        _check.AssertAll("pharmacien");
    }

    [Fact]
    public async Task An_insurer_managers_pages_fit_a_phone_and_pass_axe()
    {
        portal.Server.RequireBrowser();
        var waiting = await portal.PaidWorkAsync();
        var page = await portal.SignedInAsync("insurer-manager");

        await Look(page, "/assureur", "assureur, demandes");
        await page.GetByRole(AriaRole.Link, new() { Name = waiting }).ClickAsync();
        await _check.LookAsync(page, "assureur, demande ouverte");
        await Look(page, "/assureur/releves", "assureur, relevés");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^BILL-") }).First.ClickAsync();
        await _check.LookAsync(page, "assureur, relevé");
        await Look(page, "/compte", "assureur, compte");
        _check.AssertAll("assureur");
    }

    [Fact]
    public async Task Security_and_administration_pages_fit_a_phone_and_pass_axe()
    {
        portal.Server.RequireBrowser();
        await portal.PaidWorkAsync();
        var audiologist = portal.Server.Accounts.First(a => a.Profession == "audioprothesiste");
        await HarvestUntilContainedAsync(await portal.SignedInAsync(audiologist));

        var analyst = await portal.SignedInAsync("security");
        await Look(analyst, "/securite", "sécurité");
        await analyst.GetByLabel("Identifiant du compte").FillAsync(audiologist.Login);
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await _check.LookAsync(analyst, "sécurité, compte trouvé");
        await analyst.GetByRole(AriaRole.Link, new() { Name = "Examiner" }).First.ClickAsync();
        await _check.LookAsync(analyst, "sécurité, alerte");
        await analyst.GetByLabel("J'ai vérifié l'identité du titulaire").CheckAsync();
        await analyst.GetByLabel("Note (ce qui a été constaté)").First.FillAsync("Session volée ; titulaire rappelé au cabinet.");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Rétablir l'accès" }).ClickAsync();
        var temporary = await analyst.Locator("[data-temporary-password]").InnerTextAsync();
        await _check.LookAsync(analyst, "sécurité, accès rétabli");

        // The holder, back with the temporary password, enrols a new authenticator.
        var holder = await portal.NewPageAsync();
        await holder.GotoAsync("/connexion");
        await holder.GetByLabel("Identifiant").FillAsync(audiologist.Login);
        await holder.GetByLabel("Mot de passe").FillAsync(temporary);
        await holder.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Assertions.Expect(holder).ToHaveURLAsync(new Regex("/connexion/activation"));
        await _check.LookAsync(holder, "activation");
        var secret = await holder.Locator("code.secret").InnerTextAsync();
        await holder.GetByLabel("Code à 6 chiffres").FillAsync(PortalSteps.Code(secret.Replace(" ", "", StringComparison.Ordinal)));
        await holder.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        await Assertions.Expect(holder.Locator("ul.codes")).ToBeVisibleAsync();
        await _check.LookAsync(holder, "activation, codes de secours");

        var admin = await portal.SignedInAsync("admin");
        await Look(admin, "/tresorerie", "trésorerie");
        await Look(admin, "/securite", "sécurité (administrateur)");
        _check.AssertAll("securite");
    }

    [Fact]
    public async Task The_data_protection_officers_page_fits_a_phone_and_passes_axe()
    {
        portal.Server.RequireBrowser();
        await portal.PaidWorkAsync();
        var page = await portal.SignedInAsync("dpo");

        await Look(page, "/dpo", "dpo");
        await page.GetByLabel("Identifiants de connexion des comptes").FillAsync("personne.inconnue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculer le périmètre" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await _check.LookAsync(page, "dpo, erreurs");
        await page.GetByLabel("Identifiants de connexion des comptes").FillAsync(portal.Optician.Login);
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculer le périmètre" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-people]")).ToBeVisibleAsync();
        await _check.LookAsync(page, "dpo, périmètre");
        await page.GetByLabel("Nature de la violation").FillAsync("Compte d'opticien hameçonné.");
        await page.GetByLabel("Mesures prises et proposées").FillAsync("Sessions fermées, mot de passe changé.");
        await page.GetByLabel("Point de contact").FillAsync("DPO, dpo@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la violation" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-breach]")).ToBeVisibleAsync();
        await _check.LookAsync(page, "dpo, violation enregistrée");
        _check.AssertAll("dpo");
    }

    private async Task Look(IPage page, string path, string state)
    {
        await page.GotoAsync(path);
        await _check.LookAsync(page, state);
    }

    /// <summary>A phished session's script: one card after another until the guard contains it.</summary>
    private async Task HarvestUntilContainedAsync(IPage attacker)
    {
        foreach (var card in portal.Server.Cards.DistinctBy(c => (c.Insurer, c.MemberNumber, c.BirthDate)).Take(8))
        {
            await attacker.GotoAsync("/droits");
            if (!attacker.Url.EndsWith("/droits", StringComparison.Ordinal))
            {
                return;
            }

            await attacker.GetByLabel("Organisme complémentaire (AMC)").SelectOptionAsync(card.Insurer);
            await attacker.GetByLabel("Numéro d'adhérent").FillAsync(card.MemberNumber);
            await attacker.GetByLabel("Nom (d'usage ou de naissance)").FillAsync(card.LastName);
            await attacker.GetByLabel("Prénom").FillAsync(card.FirstName);
            await attacker.GetByLabel("Date de naissance").FillAsync(card.BirthDate);
            await attacker.GetByRole(AriaRole.Button, new() { Name = "Vérifier les droits" }).ClickAsync();
            if (await attacker.GetByRole(AriaRole.Alert).CountAsync() > 0)
            {
                return;
            }
        }

        Assert.Fail("the guard did not contain the harvesting session");
    }
}
