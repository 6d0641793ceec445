using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Agreements.Documents;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Protection;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Agreements;

/// <summary>
/// Documents uploaded with a prior-agreement request on the portal: checked by content and size,
/// stored encrypted, counted as attached, and read back only by the practice and the insurer's
/// reviewer, each download recorded.
/// </summary>
public sealed class AgreementDocumentTests
{
    private const string PdfMarker = "ORDONNANCE-MARQUEUR-7F3A";
    private const string PngMarker = "DEVIS-MARQUEUR-7F3A";

    private static readonly string Prescriber = "1000012345" + Domain.Luhn.CheckDigit("1000012345").ToString(CultureInfo.InvariantCulture);

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.Today).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A small PDF (header, objects, trailer) carrying a marker to look for at rest.</summary>
    internal static byte[] Pdf(int padding = 0) => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% " + PdfMarker + "\n" + new string('0', padding)
        + "\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A PNG's signature and IHDR chunk (1×1), then a marker.</summary>
    internal static byte[] Png() =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
        .. Encoding.ASCII.GetBytes(PngMarker),
    ];

    /// <summary>The portal form of class A glasses (frame A, two lenses B) with the full correction.</summary>
    internal static (string, string)[] GlassesForm(System.Text.Json.JsonElement card) =>
    [
        ("Input.Insurer", card.GetProperty("insurer").GetString()!), ("Input.MemberNumber", card.GetProperty("memberNumber").GetString()!),
        ("Input.LastName", card.GetProperty("lastName").GetString()!), ("Input.FirstName", card.GetProperty("firstName").GetString()!),
        ("Input.BirthDate", card.GetProperty("birthDate").GetString()!), ("Input.BirthRank", card.GetProperty("birthRank").GetInt32().ToString(CultureInfo.InvariantCulture)),
        ("Input.CareDate", Day(0)), ("Input.Domain", "optique"),
        ("Input.Lines[0].Code", "2999001"), ("Input.Lines[0].Quantity", "1"), ("Input.Lines[0].UnitPrice", "30"),
        ("Input.Lines[1].Code", "2999011"), ("Input.Lines[1].Quantity", "1"), ("Input.Lines[1].UnitPrice", "60"), ("Input.Lines[1].Side", "right"),
        ("Input.Lines[2].Code", "2999011"), ("Input.Lines[2].Quantity", "1"), ("Input.Lines[2].UnitPrice", "60"), ("Input.Lines[2].Side", "left"),
        ("Input.PrescriptionDate", Day(-20)), ("Input.Prescriber", Prescriber),
        ("Input.RightSphere", "-1,25"), ("Input.RightCylinder", "-0,50"), ("Input.RightAxis", "170"), ("Input.RightAddition", "1,75"),
        ("Input.LeftSphere", "-1,50"), ("Input.LeftCylinder", "-0,25"), ("Input.LeftAxis", "90"), ("Input.LeftAddition", "1,75"),
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("%PDF-1.7\n...\n%%EOF\n", DocumentContent.Pdf)]
    [InlineData("Ceci est une ordonnance, en texte.", null)]
    [InlineData("%PDF-x\n%%EOF", null)]
    [InlineData("%PDF-1.4 truncated, no end of file marker", null)]
    [InlineData("<html><body>%PDF-1.4</body></html>%%EOF", null)]
    public void A_document_is_known_by_its_content_alone(string content, string? expected) =>
        Assert.Equal(expected, DocumentContent.MediaTypeOf(Encoding.ASCII.GetBytes(content)));

    [Fact]
    public void Png_and_jpeg_are_known_by_their_signatures_and_nothing_else()
    {
        Assert.Equal(DocumentContent.Png, DocumentContent.MediaTypeOf(Png()));
        Assert.Equal(DocumentContent.Jpeg, DocumentContent.MediaTypeOf([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8]));
        Assert.Null(DocumentContent.MediaTypeOf([0x89, .. "PNG"u8]));
        Assert.Null(DocumentContent.MediaTypeOf([0xFF, 0xD8, 0x00, 0x00]));
        Assert.Null(DocumentContent.MediaTypeOf([]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Uploaded_documents_are_stored_encrypted_counted_as_attached_and_given_back_only_to_the_practice(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartWithKeysFileAsync(provider);
        var accounts = await DemoAccount.ReadAsync(kit.Database);
        var optician = accounts.First(a => a.Profession == "opticien");
        var stranger = accounts.First(a => a.PracticeId != optician.PracticeId);
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _) && c.GetProperty("insurer").GetString() != "130000034"
            && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        using var browser = new PortalBrowser(kit.Factory, TimeProvider.System);
        using var other = new PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(optician);
        await other.LogInAsync(stranger);
        var (pdf, png) = (Pdf(), Png());

        // The browser's guesses of the types are wrong on purpose: the content decides.
        var response = await browser.PostMultipartAsync("/prises-en-charge", "/prises-en-charge", GlassesForm(card),
        [
            new("Input.Files.prescription", "ordonnance.pdf", "application/octet-stream", pdf),
            new("Input.Files.quote", "devis.jpg", "image/jpeg", png),
        ]);
        var page = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("Accordée", page, StringComparison.Ordinal);
        Assert.Contains("œil droit", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">right<", page, StringComparison.Ordinal);
        await using var db = kit.Database.OpenContext();
        var agreement = await db.Agreements.AsNoTracking().SingleAsync(Cancellation);
        var documents = await db.AgreementDocuments.AsNoTracking().OrderBy(d => d.Kind).ToListAsync(Cancellation);
        Assert.Equal(Domain.Agreements.AgreementStatus.Accepted, agreement.Status);
        Assert.Equal(string.Empty, agreement.MissingDocuments);
        Assert.Equal([("prescription", DocumentContent.Pdf, pdf.Length), ("quote", DocumentContent.Png, png.Length)],
            documents.Select(d => (d.Kind, d.MediaType, (int)d.Length)));
        // At rest: neither the content nor its marker, in the rows or (SQLite) anywhere in the database files.
        Assert.All(documents, d => Assert.Equal(-1, d.ContentCipher.AsSpan().IndexOf(Encoding.ASCII.GetBytes(PdfMarker))));
        Assert.All(documents, d => Assert.Equal(-1, d.ContentCipher.AsSpan().IndexOf(Encoding.ASCII.GetBytes(PngMarker))));
        Assert.All(documents, d => Assert.Equal(1u, FieldCipher.KeyIdOf(d.ContentCipher)));
        if (provider == DatabaseProvider.Sqlite)
        {
            var files = Directory.GetFiles(kit.Database.DataDirectory, "tierspayant.db*").SelectMany(File.ReadAllBytes).ToArray();
            Assert.Equal(-1, files.AsSpan().IndexOf(Encoding.ASCII.GetBytes(PdfMarker)));
            Assert.Equal(-1, files.AsSpan().IndexOf(Encoding.ASCII.GetBytes(PngMarker)));
        }

        var prescription = documents.Single(d => d.Kind == "prescription");
        var path = $"/prises-en-charge/{agreement.Number}/pieces/{prescription.Id}";
        var before = await db.Disclosures.CountAsync(Cancellation);
        var theirs = await other.GetAsync(path);
        var theirDetail = await other.GetAsync($"/prises-en-charge/{agreement.Number}");
        var afterOthers = await db.Disclosures.CountAsync(Cancellation);

        // Rotating the keys re-encrypts the documents; the practice reads the same bytes back.
        var rotated = await kit.Database.RunAsync("keys", "rotate");
        Assert.True(rotated.ExitCode == 0, rotated.Error);
        var download = await browser.GetAsync(path);
        var detail = await (await browser.GetAsync($"/prises-en-charge/{agreement.Number}")).Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirDetail.StatusCode);
        Assert.Equal(before, afterOthers);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Cancellation));
        Assert.Equal(DocumentContent.Pdf, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"prescription-{agreement.Number}.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains(prescription.Id.ToString(), detail, StringComparison.Ordinal);
        Assert.All(await db.AgreementDocuments.AsNoTracking().ToListAsync(Cancellation), d => Assert.Equal((2L, 2u), (d.KeyId, FieldCipher.KeyIdOf(d.ContentCipher))));
        var recorded = await db.Disclosures.AsNoTracking().Where(d => d.Purpose == "document").ToListAsync(Cancellation);
        var one = Assert.Single(recorded);
        Assert.Equal(("account", "document", agreement.Number, (Guid?)Guid.Parse(optician.PracticeId)), (one.ActorKind, one.Fields, one.Reference, one.PracticeId));
    }

    [Fact]
    public async Task The_insurers_reviewer_downloads_a_document_of_a_request_it_reviews_and_the_download_is_recorded()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var optician = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        var manager = (await DemoStaffAccount.ReadAsync(kit.Database)).First(s => s.Role == Security.Accounts.StaffRoles.InsurerManager);
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _) && c.GetProperty("insurer").GetString() == manager.Insurer
            && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        using var browser = new PortalBrowser(kit.Factory, TimeProvider.System);
        using var office = new PortalBrowser(kit.Factory, TimeProvider.System);
        using var security = new PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(optician);
        await office.UseSessionOfAsync(manager.Login);
        await security.UseSessionOfAsync("personnel.security");

        // The signed quote only: the prescription is missing, the request waits for the insurer.
        var response = await browser.PostMultipartAsync("/prises-en-charge", "/prises-en-charge", GlassesForm(card),
            [new("Input.Files.quote", "devis.pdf", "application/pdf", Pdf())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = kit.Database.OpenContext();
        var agreement = await db.Agreements.AsNoTracking().SingleAsync(Cancellation);
        var quote = await db.AgreementDocuments.AsNoTracking().SingleAsync(Cancellation);
        Assert.Equal(Domain.Agreements.AgreementStatus.Pending, agreement.Status);
        Assert.Equal("prescription", agreement.MissingDocuments);

        var opened = await (await office.GetAsync($"/assureur?numero={agreement.Number}")).Content.ReadAsStringAsync(Cancellation);
        var download = await office.GetAsync($"/assureur/pieces/{agreement.Number}/{quote.Id}");
        var bySecurity = await security.GetAsync($"/assureur/pieces/{agreement.Number}/{quote.Id}");
        var byPracticePath = await office.GetAsync($"/prises-en-charge/{agreement.Number}/pieces/{quote.Id}");

        Assert.Contains($"/assureur/pieces/{agreement.Number}/{quote.Id}", opened, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf(), await download.Content.ReadAsByteArrayAsync(Cancellation));
        Assert.NotEqual(HttpStatusCode.OK, bySecurity.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, byPracticePath.StatusCode);
        var recorded = await db.Disclosures.AsNoTracking().Where(d => d.Purpose == "agreement-review-document").ToListAsync(Cancellation);
        var one = Assert.Single(recorded);
        Assert.Equal(("staff", "insurer-manager", "document", agreement.Number, (Guid?)null), (one.ActorKind, one.Role, one.Fields, one.Reference, one.PracticeId));
    }

    [Fact]
    public async Task A_pdf_that_is_text_or_a_file_past_the_limit_is_refused_naming_its_field_and_nothing_is_read_or_written()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Agreements:Documents:MaxBytes", "2048"));
        var optician = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        var card = kit.Cards().First(c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        using var browser = new PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(optician);

        var text = await browser.PostMultipartAsync("/prises-en-charge", "/prises-en-charge", GlassesForm(card),
            [new("Input.Files.prescription", "ordonnance.pdf", "application/pdf", Encoding.UTF8.GetBytes("Ordonnance : verres progressifs, OD -1,25 (+1,75)."))]);
        var large = await browser.PostMultipartAsync("/prises-en-charge", "/prises-en-charge", GlassesForm(card),
            [new("Input.Files.quote", "devis.pdf", "application/pdf", Pdf(padding: 3000))]);
        var textPage = await text.Content.ReadAsStringAsync(Cancellation);
        var largePage = await large.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("Ordonnance (pièce jointe) : joignez un fichier PDF, PNG ou JPEG", textPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Contains("Devis signé (pièce jointe) : joignez un fichier PDF, PNG ou JPEG", largePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Ordonnance (pièce jointe)", largePage, StringComparison.Ordinal);
        await using var db = kit.Database.OpenContext();
        Assert.Equal(0, await db.Agreements.CountAsync(Cancellation));
        Assert.Equal(0, await db.AgreementDocuments.CountAsync(Cancellation));
        Assert.Equal(0, await db.Disclosures.CountAsync(Cancellation));
    }
}
