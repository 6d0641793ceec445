using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TiersPayant.Agreements;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Practices;
using TiersPayant.Eligibility;
using TiersPayant.Web.Localization;

namespace TiersPayant.Tests.Agreements;

/// <summary>
/// Every field and code the agreement checks can name has its own French sentence on the portal's
/// agreement page (and, for what a direct invoice shares with it, on the invoice page): no
/// resource key and no generic fallback ever reaches a professional.
/// </summary>
public sealed partial class FieldMessagesTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    // Bodies that are wrong in every way the reading and the engine tell apart.
    private static IEnumerable<AgreementBody> WrongBodies()
    {
        var card = new EligibilityCard("123456789", "M1");
        var person = new EligibilityPerson("Martin", "Léa", "1980-02-03", 1);
        var good = new PrescriptionBody("2026-06-01", "10000123454", new CorrectionBody(new EyeBody(-1, 0, 0, 0), new EyeBody(-1, 0, 0, 0)));
        AgreementLineBody Frame(string code = "2999001", string? @class = "A", string? side = null, int quantity = 1, long price = 3000) => new(code, quantity, price, @class, side);
        AgreementLineBody Lens(string? side, string? @class = "B") => new("2999011", 1, 6000, @class, side);
        AgreementBody Optics(IReadOnlyList<AgreementLineBody>? lines, PrescriptionBody? prescription = null, string care = "2026-06-15", EligibilityCard? c = null, EligibilityPerson? p = null, string domain = "optique", IReadOnlyList<string>? documents = null) =>
            new(c ?? card, p ?? person, care, domain, lines, prescription, documents ?? ["prescription", "quote"]);

        yield return Optics(null, good, care: "15/06/2026", c: new EligibilityCard("ABC", ""), p: new EligibilityPerson("", "1", "03/02/1980", 12), documents: ["fax"]);
        yield return Optics([null!, Frame(code: "ZZZ"), Frame(code: "0000000000000")], good, domain: "pharmacie");
        yield return Optics([Frame(code: "3400930000000")], good, domain: "optique");
        yield return Optics([Frame(quantity: 99, price: 0), Frame(), Lens(null), Lens("up"), Lens("right", @class: null), Lens("left", @class: "A"), Frame(@class: "Z"), Frame(side: "left")], good);
        yield return Optics([.. Enumerable.Repeat(Frame(), 25)], good);
        yield return Optics([Lens("right"), Lens("right")], new PrescriptionBody("2026-07-01", "1000012345", new CorrectionBody(new EyeBody(40, 11, 200, 5), null)), care: "2026-07-20", p: new EligibilityPerson("Martin", "Léa", "2026-07-30", 1));
        yield return Optics([Lens("right")], new PrescriptionBody("2026-06-01", "10000123455", new CorrectionBody(null, new EyeBody(-1.3m, 0.1m, 0, 4.1m))));
        yield return Optics([Lens("right")], null);
        yield return Optics([Frame()], good with { Date = "2026-06-14" }, care: "2026-06-10", p: new EligibilityPerson("Martin", "Léa", "2026-06-12", 1));
        yield return Optics([Frame()], good, care: "1990-01-01");
        yield return Optics([Frame(code: "2999001", @class: "A")], new PrescriptionBody("not a date", "x", null), domain: "dentaire");
        yield return new AgreementBody(card, person, "2026-06-15", "dentaire", [new AgreementLineBody("HBLD634", 1, 50000, "A", null)], good, null);
    }

    private static List<(string Field, string[] Codes)> EveryError()
    {
        var seen = new List<(string, string[])>();
        foreach (var body in WrongBodies())
        {
            foreach (var profession in new[] { Profession.Opticien, Profession.ChirurgienDentiste, Profession.Pharmacien })
            {
                var reading = AgreementValidation.Check(body, profession, Today, ReferenceCodeTable.Default);
                seen.AddRange(reading.Errors.Keys.Select(field => (field, reading.Codes.GetValueOrDefault(field) ?? [])));
            }
        }

        return seen;
    }

    [Fact]
    public void The_wrong_bodies_produce_every_code_the_engine_has()
    {
        var codes = typeof(FieldErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        var produced = EveryError().SelectMany(e => e.Codes).ToHashSet();

        // A new code fails here until a body above produces it, and then the test below wants its sentence.
        Assert.Empty(codes.Except(produced));
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en")]
    public void Every_field_error_has_its_own_sentence_on_the_agreement_and_invoice_pages(string culture)
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = PortalLocalization.ResourcesPath).BuildServiceProvider();
        var factory = services.GetRequiredService<IStringLocalizerFactory>();
        var agreementPage = new HtmlLocalizer(factory.Create("Agreements.Pages.PrisesEnCharge.Index", "tiers"));
        var invoicePage = new HtmlLocalizer(factory.Create("Claims.Pages.Factures.Index", "tiers"));
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.False(agreementPage.GetString("Title").ResourceNotFound, "the test reads the page's resources");
            var missing = new List<string>();
            foreach (var (field, codes) in EveryError().Append(("checkedPatient", [])).Append(("prescription.correction.left.axis", ["correction-out-of-range"])))
            {
                Check(agreementPage, field, codes, "prises-en-charge", missing);
                // A direct invoice meets the same checks, but has no correction nor documents.
                if (!field.StartsWith("prescription.correction", StringComparison.Ordinal) && !field.StartsWith("documents", StringComparison.Ordinal) && field != "checkedPatient")
                {
                    Check(invoicePage, field, codes, "factures", missing);
                }
            }

            Check(invoicePage, "agreementNumber", ["required"], "factures", missing);
            Assert.Empty(missing);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_field_nobody_wrote_a_sentence_for_gets_the_shared_one_not_its_key()
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = PortalLocalization.ResourcesPath).BuildServiceProvider();
        var factory = services.GetRequiredService<IStringLocalizerFactory>();
        var page = new HtmlLocalizer(factory.Create("Agreements.Pages.PrisesEnCharge.Index", "tiers"));
        var shared = new StringLocalizer<FieldMessages>(factory);
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var text = FieldMessages.Describe(page, shared, "prescription.correction.right.prism", ["out-of-range"]);

            Assert.StartsWith("Un champ du formulaire n'est pas valide", text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static void Check(IHtmlLocalizer page, string field, string[] codes, string name, List<string> missing)
    {
        var text = FieldMessages.Find(page, field, codes);
        if (text is null || KeyShaped().IsMatch(text) || text.Contains("{0}", StringComparison.Ordinal))
        {
            missing.Add($"{name}: {field} [{string.Join(',', codes)}] → {text ?? "(none)"}");
        }
    }

    // A resource key or a wire path: Error_…, or dotted lower-case words.
    [GeneratedRegex(@"Error_|\b[a-z]+\.[a-z]+(\.[a-z]+)*\b")]
    private static partial Regex KeyShaped();
}
