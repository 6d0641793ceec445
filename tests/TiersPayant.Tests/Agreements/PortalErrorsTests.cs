using System.Net;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain.Claims;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.Agreements.PortalFlowKit;

namespace TiersPayant.Tests.Agreements;

/// <summary>The portal's forms name every wrong field at once, in French, and never make an invoice twice.</summary>
public sealed class PortalErrorsTests
{
    [Fact]
    public async Task Three_wrong_fields_are_named_at_once_each_in_french_and_no_resource_key_is_shown()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var optician = await kit.SessionAsync();

        // A frame price that is not a number, a sphere of "abc", an RPPS of 11 digits whose check digit is wrong.
        var (response, page) = await PostWithKeyAsync(optician, "/prises-en-charge", "/prises-en-charge", null,
            [.. CardFields(kit.Cards("optique")[0]), .. GlassesFields(prescriber: "10000123455", rightSphere: "abc", framePrice: "trente")]);
        var errors = ErrorsOf(page);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Ligne 1 : prix unitaire", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Sphère œil droit : un nombre", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Prescripteur : le dernier chiffre (la clé) du numéro RPPS", StringComparison.Ordinal));
        Assert.DoesNotContain("Error_", page, StringComparison.Ordinal);
        Assert.DoesNotContain("11 chiffres", WebUtility.HtmlDecode(page), StringComparison.Ordinal); // eleven were typed
        Assert.Equal(0, await kit.WithDbAsync(db => db.Disclosures.CountAsync(TestContext.Current.CancellationToken))); // nobody was looked for
    }

    [Fact]
    public async Task The_direct_invoice_names_a_wrong_price_a_wrong_check_digit_and_the_rows_as_the_user_sees_them_at_once()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var pharmacist = await kit.SessionAsync("pharmacien");
        var (_, handle) = await CheckAsync(pharmacist, kit.Cards("pharmacie")[0], "pharmacie");
        var form = await (await pharmacist.PostFormAsync("/droits", "/factures?handler=Checked", ("checkedPatient", handle))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var drug = Domain.Agreements.ReferenceCodeTable.Default.ForDomain(Domain.CareDomain.Pharmacie).First(c => c.InForce(DateOnly.FromDateTime(DateTime.Today)));

        // Row 1 left empty, row 2 priced "deux euros", and an RPPS whose check digit is wrong.
        var (response, page) = await PostWithKeyAsync(pharmacist, "/factures", "/factures?handler=Direct", KeyOf(form),
            ("Direct.CheckedPatient", handle), ("Direct.Domain", "pharmacie"), ("Direct.CareDate", Today),
            ("Direct.PrescriptionDate", Today), ("Direct.Prescriber", "10000123455"),
            ("Direct.Lines[0].Code", ""), ("Direct.Lines[0].Quantity", "1"), ("Direct.Lines[0].UnitPrice", ""),
            ("Direct.Lines[1].Code", drug.Code), ("Direct.Lines[1].Quantity", "1"), ("Direct.Lines[1].UnitPrice", "deux euros"));
        var errors = ErrorsOf(page);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Ligne 2 : prix unitaire", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Prescripteur : le dernier chiffre (la clé) du numéro RPPS", StringComparison.Ordinal));
        Assert.DoesNotContain("Error_", page, StringComparison.Ordinal);

        // Nothing typed but the product: the missing price and the missing prescription, together.
        (response, page) = await PostWithKeyAsync(pharmacist, "/factures", "/factures?handler=Direct", KeyOf(form),
            ("Direct.CheckedPatient", handle), ("Direct.Domain", "pharmacie"), ("Direct.CareDate", Today), ("Direct.Lines[0].Code", drug.Code));
        errors = ErrorsOf(page);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(errors, e => e.StartsWith("Ligne 1 : prix unitaire", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Ordonnance : obligatoire", StringComparison.Ordinal));
        Assert.Equal(0, await kit.WithDbAsync(db => db.Claims.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_empty_agreement_number_is_required_not_unknown()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var optician = await kit.SessionAsync();

        var (response, page) = await PostWithKeyAsync(optician, "/factures", "/factures", null, ("AgreementNumber", ""), ("CareDate", Today));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Numéro de prise en charge : obligatoire ; recopiez-le depuis la décision (il commence par PEC)."], ErrorsOf(page));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_double_click_is_one_invoice_and_an_invoiced_agreement_is_refused_before_any_new_invoice(DatabaseProvider provider)
    {
        await using var kit = await StartAsync(provider);
        using var optician = await kit.SessionAsync();
        var decision = await RequestAgreedAsync(optician, [.. CardFields(kit.Cards("optique")[0]), .. GlassesFields()]);
        var number = AgreementNumber().Match(decision).Value;
        var form = await (await optician.GetAsync("/factures?agreement=" + number)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var key = KeyOf(form);

        // A double click: the same form, its one key, sent twice at once.
        var clicks = await Task.WhenAll(
            PostWithKeyAsync(optician, "/factures", "/factures", key, ("AgreementNumber", number), ("CareDate", Today)),
            PostWithKeyAsync(optician, "/factures", "/factures", key, ("AgreementNumber", number), ("CareDate", Today)));
        var accepted = clicks[0].Page;
        // The same form's click arriving once the invoice is written: the same invoice, not a refusal.
        var late = await PostWithKeyAsync(optician, "/factures", "/factures", key, ("AgreementNumber", number), ("CareDate", Today));
        // Then the number typed again on a new form (a new key).
        var (again, refused) = await PostWithKeyAsync(optician, "/factures", "/factures", KeyOf(accepted), ("AgreementNumber", number), ("CareDate", Today));

        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.Response.StatusCode));
        Assert.DoesNotContain("PEC-", accepted.Split("id=\"agreement\"")[1].Split('>')[0], StringComparison.Ordinal); // the form is emptied
        Assert.NotEqual(key, KeyOf(accepted));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var claim = await kit.WithDbAsync(db => db.Claims.SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ClaimStatus.Accepted, claim.Status);
        Assert.Equal([$"Numéro de prise en charge : déjà facturée (facture {claim.Number}) ; aucune nouvelle facture n'a été créée."], ErrorsOf(refused));
        Assert.Equal(HttpStatusCode.OK, late.Response.StatusCode);
        Assert.Equal(claim.Number, ClaimNumber().Match(late.Page).Value);
    }

    [Fact]
    public async Task The_key_of_a_form_shown_again_after_an_error_is_the_same_form_s_key()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var optician = await kit.SessionAsync();
        var key = KeyOf(await (await optician.GetAsync("/factures")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var (_, page) = await PostWithKeyAsync(optician, "/factures", "/factures", key, ("AgreementNumber", "PEC-INCONNU"), ("CareDate", Today));

        Assert.Equal(key, KeyOf(page));
    }

    [Fact]
    public async Task Cancel_asks_for_confirmation_before_it_cancels()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var optician = await kit.SessionAsync();
        var decision = await RequestAgreedAsync(optician, [.. CardFields(kit.Cards("optique")[0]), .. GlassesFields()]);
        var (_, invoiced) = await PostWithKeyAsync(optician, "/factures", "/factures", null, ("AgreementNumber", AgreementNumber().Match(decision).Value), ("CareDate", Today));
        var number = ClaimNumber().Match(invoiced).Value;

        var asked = await optician.PostFormAsync("/factures", "/factures?handler=Cancel", ("claimId", number));
        var question = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var still = await kit.WithDbAsync(db => db.Claims.SingleAsync(TestContext.Current.CancellationToken));
        var confirmed = await optician.PostFormAsync("/factures", "/factures?handler=Cancel", ("claimId", number), ("confirmed", "true"));

        Assert.Contains($"Annuler la facture {number} ?", question, StringComparison.Ordinal);
        Assert.Contains("Oui, annuler cette facture", question, StringComparison.Ordinal);
        Assert.Equal(ClaimStatus.Accepted, still.Status);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(ClaimStatus.Cancelled, (await kit.WithDbAsync(db => db.Claims.SingleAsync(TestContext.Current.CancellationToken))).Status);
    }
}
