using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Agreements;

/// <summary>
/// A seeded platform on a clock the test moves, professionals' sessions opened as their login
/// would, and the portal's forms as a professional fills them: rights, agreement, invoice.
/// </summary>
internal sealed partial class PortalFlowKit : IAsyncDisposable
{
    private PortalFlowKit(TestDatabase database, PlatformFactory factory, FakeTimeProvider time, JsonDocument credentials) =>
        (Database, Factory, Time, Credentials) = (database, factory, time, credentials);

    public TestDatabase Database { get; }

    public PlatformFactory Factory { get; }

    public FakeTimeProvider Time { get; }

    public JsonDocument Credentials { get; }

    public static string Today => DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<PortalFlowKit> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seeded = await database.RunAsync("seed", "--beneficiaries", "400", "--practices", "8");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = new PlatformFactory(database, time: time);
        return new PortalFlowKit(database, factory, time, await ApiClients.ApiClientKit.CredentialsAsync(database));
    }

    /// <summary>A browser holding a new session of the first demo account of <paramref name="profession"/>.</summary>
    public async Task<PortalBrowser> SessionAsync(string profession = "opticien", string address = "127.0.0.1")
    {
        var account = (await DemoAccount.ReadAsync(Database)).First(a => a.Profession == profession);
        var browser = new PortalBrowser(Factory, Time, address: address);
        await browser.UseSessionOfAsync(account.Login, "totp");
        return browser;
    }

    /// <summary>Ordinary sample cards (no twins, no special insurer) of people covered in <paramref name="domain"/>.</summary>
    public List<JsonElement> Cards(string domain) =>
        [.. Credentials.RootElement.GetProperty("sampleCards").EnumerateArray()
            .Where(c => !c.TryGetProperty("note", out _) && c.GetProperty("insurer").GetString() != "130000034"
                && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == domain))];

    public static (string, string)[] CardFields(JsonElement card) =>
    [
        ("Input.Insurer", card.GetProperty("insurer").GetString()!), ("Input.MemberNumber", card.GetProperty("memberNumber").GetString()!),
        ("Input.LastName", card.GetProperty("lastName").GetString()!), ("Input.FirstName", card.GetProperty("firstName").GetString()!),
        ("Input.BirthDate", card.GetProperty("birthDate").GetString()!),
    ];

    /// <summary>Checks <paramref name="card"/>'s rights on <c>/droits</c>; returns the page and the checked patient's handle.</summary>
    public static async Task<(string Page, string Handle)> CheckAsync(PortalBrowser browser, JsonElement card, string domain)
    {
        var response = await browser.PostFormAsync("/droits", "/droits", [.. CardFields(card), ("Input.Domains", domain)]);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var handle = Handle().Match(page);
        Assert.True(handle.Success, "the rights check's answer carries the checked patient");
        return (page, handle.Groups[1].Value);
    }

    /// <summary>The quote and prescription of a class A frame and two class B lenses (the demo's optics codes).</summary>
    public static (string, string)[] GlassesFields(string prescriber = "10000123454", string rightSphere = "-1", string framePrice = "30") =>
    [
        ("Input.CareDate", Today), ("Input.Domain", "optique"),
        ("Input.Lines[0].Code", "2999001"), ("Input.Lines[0].Quantity", "1"), ("Input.Lines[0].UnitPrice", framePrice),
        ("Input.Lines[1].Code", "2999011"), ("Input.Lines[1].Quantity", "1"), ("Input.Lines[1].UnitPrice", "60"), ("Input.Lines[1].Side", "right"),
        ("Input.Lines[2].Code", "2999011"), ("Input.Lines[2].Quantity", "1"), ("Input.Lines[2].UnitPrice", "60"), ("Input.Lines[2].Side", "left"),
        ("Input.PrescriptionDate", DateOnly.FromDateTime(DateTime.Today).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("Input.Prescriber", prescriber), ("Input.RightSphere", rightSphere), ("Input.LeftSphere", "-1"),
    ];

    /// <summary>Requests glasses on the portal with the prescription and the signed quote attached, as the browser sends them: an agreed decision's page.</summary>
    public static async Task<string> RequestAgreedAsync(PortalBrowser browser, params (string Name, string Value)[] fields)
    {
        var response = await browser.PostMultipartAsync("/prises-en-charge", "/prises-en-charge", fields,
        [
            new("Input.Files.prescription", "ordonnance.pdf", "application/pdf", AgreementDocumentTests.Pdf()),
            new("Input.Files.quote", "devis.png", "image/png", AgreementDocumentTests.Png()),
        ]);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Posts a form of <paramref name="formPage"/> with its own idempotency key, as the browser would.</summary>
    public static async Task<(HttpResponseMessage Response, string Page)> PostWithKeyAsync(PortalBrowser browser, string formPage, string action, string? key, params (string Name, string Value)[] fields)
    {
        var response = await browser.PostFormAsync(formPage, action, [.. fields, .. key is null ? Array.Empty<(string, string)>() : [("Key", key)]]);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The idempotency key a page's invoice form carries.</summary>
    public static string KeyOf(string page)
    {
        var key = Key().Match(page);
        Assert.True(key.Success, "the invoice form carries its key");
        return key.Groups[1].Value;
    }

    /// <summary>The field errors listed at the top of a form.</summary>
    public static List<string> ErrorsOf(string page) =>
        [.. ErrorList().Matches(page).SelectMany(list => Item().Matches(list.Groups[1].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))];

    public async Task<T> WithDbAsync<T>(Func<TiersPayantDbContext, Task<T>> read)
    {
        using var scope = Factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>());
    }

    /// <summary>Whom the rights check <paramref name="reference"/> found.</summary>
    public Task<Guid?> CheckedBeneficiaryAsync(string reference) =>
        WithDbAsync(db => db.EligibilityChecks.Where(c => c.Reference == reference).Select(c => c.BeneficiaryId).SingleAsync(TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        Credentials.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"checkedPatient\" value=\"([0-9a-f-]{36})\"")]
    public static partial Regex Handle();

    [GeneratedRegex("IDB-[A-Z0-9-]+")]
    public static partial Regex CheckReference();

    [GeneratedRegex("PEC-[A-Z0-9-]+")]
    public static partial Regex AgreementNumber();

    [GeneratedRegex("FAC-[A-Z0-9-]+")]
    public static partial Regex ClaimNumber();

    [GeneratedRegex("name=\"Key\" value=\"([0-9A-F]+)\"")]
    private static partial Regex Key();

    [GeneratedRegex("<div class=\"alert\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorList();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex Item();
}
