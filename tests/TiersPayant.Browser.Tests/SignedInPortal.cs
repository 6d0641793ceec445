using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TiersPayant.Cli;

namespace TiersPayant.Browser.Tests;

/// <summary>
/// One server for the layout tests, one signed-in browser page per person (opened at its first
/// use, then shared by every test of the class), and the work that the insurer's and the payment
/// pages show, done once.
/// </summary>
public sealed class SignedInPortal : IAsyncLifetime
{
    private readonly Dictionary<string, Task<IPage>> _pages = [];
    private readonly List<IBrowserContext> _contexts = [];
    private Task<string>? _paidWork;

    public PortalServer Server { get; } = new();

    /// <summary>The optician whose day the pages show.</summary>
    public DemoAccount Optician => Server.Accounts.Where(a => a.Profession == "opticien").Skip(1).First();

    public DemoStaffAccount Staff(string role) => Server.Staff.First(s => s.Role == role);

    /// <summary>A patient of the insurer whose manager is a demo account, covered for optics.</summary>
    public SampleCard Patient => Server.Cards.First(c => c.Note is null && c.Insurer == Staff("insurer-manager").Insurer && c.Domains.Contains("optique"));

    /// <summary>Another patient for the optician's own glasses (a patient gets new glasses once per renewal period).</summary>
    public SampleCard OtherPatient => Server.Cards.First(c => c.Note is null && c.Insurer != "130000034" && c.Domains.Contains("optique") && c != Patient);

    public ValueTask InitializeAsync() => Server.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    /// <summary>A page in a browser of its own, signed in as nobody.</summary>
    public async Task<IPage> NewPageAsync(string? userAgent = null)
    {
        var context = await Server.Browser.NewContextAsync(new() { BaseURL = Server.BaseUrl, Locale = "fr-FR", UserAgent = userAgent });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>The professional's page, signed in with password and code once.</summary>
    public Task<IPage> SignedInAsync(DemoAccount account) => Once(account.Login, async () =>
    {
        var page = await NewPageAsync();
        await PortalSteps.LogInAsync(page, account.Login, account.Password, PortalSteps.Code(account.TotpSecret));
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/connexion"));
        return page;
    });

    /// <summary>A member of staff's page, signed in once with a passkey registered at that first login.</summary>
    public Task<IPage> SignedInAsync(string role) => Once(role, async () =>
    {
        var page = await NewPageAsync();
        await PortalSteps.AddVirtualAuthenticatorAsync(page.Context, page);
        await PortalSteps.FirstStaffLoginWithPasskeyAsync(page, Staff(role));
        return page;
    });

    /// <summary>
    /// The optician's request left to the insurer (no signed quote), then one accepted and
    /// invoiced, paid by a payment run and billed to the insurer by a billing run. Returns the
    /// waiting agreement's number.
    /// </summary>
    public Task<string> PaidWorkAsync() => _paidWork ??= DoPaidWorkAsync();

    private async Task<string> DoPaidWorkAsync()
    {
        var page = await SignedInAsync(Optician);
        await PortalSteps.RequestGlassesAsync(page, Patient, withQuote: false, decision: "En attente de l'organisme");
        var waiting = Regex.Match(await page.Locator(".decision-number").InnerTextAsync(), "PEC-[0-9A-Z]{10}").Value;
        await PortalSteps.RequestGlassesAsync(page, Patient);
        await page.GetByRole(AriaRole.Link, new() { Name = "Facturer cette prise en charge" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facture acceptée" })).ToBeVisibleAsync();
        Assert.Equal(0, await TiersCli.RunAsync(["payments", "run", "--data", Server.DataDirectory], TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, await TiersCli.RunAsync(["billing", "run", "--data", Server.DataDirectory], TextWriter.Null, TextWriter.Null));
        return waiting;
    }

    private Task<IPage> Once(string who, Func<Task<IPage>> signIn)
    {
        if (!_pages.TryGetValue(who, out var page))
        {
            _pages[who] = page = signIn();
        }

        return page;
    }
}
