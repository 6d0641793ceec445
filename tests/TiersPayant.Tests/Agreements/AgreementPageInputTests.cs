using System.Globalization;
using System.Net;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Eligibility;

namespace TiersPayant.Tests.Agreements;

public sealed class AgreementPageInputTests
{
    private static string Today => DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("92233720368547758,08", "1", "Ligne 1 : prix unitaire en euros, positif, au plus 10 000 €.")]
    [InlineData("79228162514264337593543950335", "1", "Ligne 1 : prix unitaire en euros, positif, au plus 10 000 €.")]
    [InlineData("10000,01", "1", "Ligne 1 : prix unitaire en euros, positif, au plus 10 000 €.")]
    [InlineData("30", "99999999999", "Ligne 1 : quantité hors limites.")]
    public async Task A_price_or_quantity_out_of_range_is_a_french_error_on_its_line_not_an_overflow(string price, string quantity, string error)
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var card = kit.Cards().First(c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        using var browser = new PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync((await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien"));

        var response = await browser.PostFormAsync("/prises-en-charge", "/prises-en-charge",
            ("Input.Insurer", card.GetProperty("insurer").GetString()!), ("Input.MemberNumber", card.GetProperty("memberNumber").GetString()!),
            ("Input.LastName", card.GetProperty("lastName").GetString()!), ("Input.FirstName", card.GetProperty("firstName").GetString()!),
            ("Input.BirthDate", card.GetProperty("birthDate").GetString()!), ("Input.CareDate", Today), ("Input.Domain", "optique"),
            ("Input.Lines[0].Code", "2999001"), ("Input.Lines[0].Quantity", quantity), ("Input.Lines[0].UnitPrice", price));
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The form keeps what was typed, so that it can be corrected.
        Assert.Contains(error, page, StringComparison.Ordinal);
    }
}
