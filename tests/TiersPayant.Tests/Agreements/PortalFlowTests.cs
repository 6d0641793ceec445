using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Accounts;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.Agreements.PortalFlowKit;

namespace TiersPayant.Tests.Agreements;

/// <summary>One flow per patient: the rights check carries the patient to the agreement and the invoice, on the server only.</summary>
public sealed class PortalFlowTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_checked_patient_is_carried_to_the_agreement_and_the_form_cannot_swap_them_for_another(DatabaseProvider provider)
    {
        await using var kit = await StartAsync(provider);
        var (checkedCard, otherCard) = (kit.Cards("optique")[0], kit.Cards("optique")[1]);
        using var optician = await kit.SessionAsync();
        var (other, _) = await CheckAsync(optician, otherCard, "optique");
        var (rights, handle) = await CheckAsync(optician, checkedCard, "optique");

        // The answer carries a handle, nothing of the person: not even what was typed.
        Assert.DoesNotContain(checkedCard.GetProperty("memberNumber").GetString()!, rights, StringComparison.Ordinal);
        NotShown.Name(checkedCard.GetProperty("lastName").GetString()!, rights);
        var start = await optician.PostFormAsync("/droits", "/prises-en-charge?handler=Checked", ("checkedPatient", handle));
        var form = await start.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains(checkedCard.GetProperty("lastName").GetString()!, form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.MemberNumber\"", form, StringComparison.Ordinal); // nothing to type again

        // A form edited to name someone else (the other patient, checked by this session too) is still for the checked patient.
        var (response, page) = await PostWithKeyAsync(optician, "/prises-en-charge", "/prises-en-charge", null,
            [("Input.CheckedPatient", handle), .. CardFields(otherCard), .. GlassesFields()]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var number = AgreementNumber().Match(page).Value;
        var agreement = await kit.WithDbAsync(db => db.Agreements.SingleAsync(a => a.Number == number, TestContext.Current.CancellationToken));
        var checkedPerson = await kit.CheckedBeneficiaryAsync(CheckReference().Match(rights).Value);
        var otherPerson = await kit.CheckedBeneficiaryAsync(CheckReference().Match(other).Value);
        Assert.Equal(checkedPerson, agreement.BeneficiaryId);
        Assert.NotEqual(otherPerson, agreement.BeneficiaryId);
        // Still the guarded path: the agreement's read of the person is recorded, for that person.
        var disclosed = await kit.WithDbAsync(db => db.Disclosures.Where(d => d.Reference == number).Select(d => d.BeneficiaryId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([checkedPerson!.Value], disclosed);
    }

    [Fact]
    public async Task Another_session_cannot_use_a_checked_patient_even_of_the_same_account()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var counter = await kit.SessionAsync();
        using var thief = await kit.SessionAsync();
        var (_, handle) = await CheckAsync(counter, kit.Cards("optique")[0], "optique");

        var start = await thief.PostFormAsync("/droits", "/prises-en-charge?handler=Checked", ("checkedPatient", handle));
        var (response, page) = await PostWithKeyAsync(thief, "/prises-en-charge", "/prises-en-charge", null, [("Input.CheckedPatient", handle), .. GlassesFields()]);
        var invoice = await thief.PostFormAsync("/factures", "/factures?handler=Direct", ("Direct.CheckedPatient", handle), ("Direct.Lines[0].Code", "3400930000000"));

        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Contains("a expiré (30 minutes) ou a été faite dans une autre session", WebUtility.HtmlDecode(await start.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("autre session", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invoice.StatusCode);
        Assert.Equal(0, await kit.WithDbAsync(db => db.Agreements.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(0, await kit.WithDbAsync(db => db.Claims.CountAsync(TestContext.Current.CancellationToken)));
        // The owner's session still can.
        Assert.Equal(HttpStatusCode.OK, (await counter.PostFormAsync("/droits", "/prises-en-charge?handler=Checked", ("checkedPatient", handle))).StatusCode);
    }

    [Fact]
    public async Task A_checked_patient_expires_after_thirty_minutes()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var optician = await kit.SessionAsync();
        var (_, handle) = await CheckAsync(optician, kit.Cards("optique")[0], "optique");

        kit.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await optician.PostFormAsync("/droits", "/prises-en-charge?handler=Checked", ("checkedPatient", handle))).StatusCode);
        kit.Time.Advance(TimeSpan.FromMinutes(11)); // the session is alive (used 11 minutes ago), the patient is not
        var (response, page) = await PostWithKeyAsync(optician, "/prises-en-charge", "/prises-en-charge", null, [("Input.CheckedPatient", handle), .. GlassesFields()]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("a expiré (30 minutes)", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal(0, await kit.WithDbAsync(db => db.Agreements.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_pharmacist_invoices_the_checked_patient_directly_without_typing_them_again()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var pharmacist = await kit.SessionAsync("pharmacien");
        var (rights, handle) = await CheckAsync(pharmacist, kit.Cards("pharmacie")[0], "pharmacie");
        Assert.Contains("/factures?handler=Checked", rights, StringComparison.Ordinal);
        Assert.DoesNotContain("/prises-en-charge?handler=Checked", rights, StringComparison.Ordinal); // no prior agreement in pharmacy

        var form = await (await pharmacist.PostFormAsync("/droits", "/factures?handler=Checked", ("checkedPatient", handle))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var drug = Domain.Agreements.ReferenceCodeTable.Default.ForDomain(Domain.CareDomain.Pharmacie).First(c => c.InForce(DateOnly.FromDateTime(DateTime.Today)));
        var (response, page) = await PostWithKeyAsync(pharmacist, "/factures", "/factures?handler=Direct", KeyOf(form),
            ("Direct.CheckedPatient", handle), ("Direct.Domain", "pharmacie"), ("Direct.CareDate", Today),
            ("Direct.PrescriptionDate", Today), ("Direct.Prescriber", "10000123454"),
            ("Direct.Lines[0].Code", drug.Code), ("Direct.Lines[0].Quantity", "1"), ("Direct.Lines[0].UnitPrice", "2,50"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claim = await kit.WithDbAsync(db => db.Claims.SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ClaimNumber().Match(page).Value, claim.Number);
        Assert.Equal(await kit.CheckedBeneficiaryAsync(CheckReference().Match(rights).Value), claim.BeneficiaryId);
    }

    [Theory]
    [InlineData("opticien")]
    [InlineData("audioprothesiste")]
    [InlineData("chirurgien-dentiste")]
    [InlineData("pharmacien")]
    public async Task A_professional_lands_on_the_rights_check_after_login(string profession)
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        var account = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == profession);
        using var browser = new PortalBrowser(kit.Factory, kit.Time);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PasswordAsync(account.Login, account.Password)).StatusCode);
        var landed = await browser.CodeAsync(browser.Code(account.TotpSecret));
        var page = await (await browser.GetAsync(landed.Headers.Location!.OriginalString)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("/droits", landed.Headers.Location.OriginalString);
        // The login from a new browser left a notice: the work page points to it.
        Assert.Contains("Avis sur votre compte non lus : 1", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_keep_landing_on_their_account_page()
    {
        await using var kit = await StartAsync(DatabaseProvider.Sqlite);
        using var scope = kit.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AccountRecord>>();
        var login = scope.ServiceProvider.GetRequiredService<PortalLogin>();

        foreach (var staff in await DemoStaffAccount.ReadAsync(kit.Database))
        {
            Assert.Equal("/compte", await login.LandingAsync((await users.FindByNameAsync(staff.Login))!, TestContext.Current.CancellationToken));
        }
    }
}
