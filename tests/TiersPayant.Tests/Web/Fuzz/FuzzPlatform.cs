using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using OtpNet;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>
/// The seeded platform on Kestrel (so that body limits, header parsing and Content-Length are the
/// real server's), with the three callers of the fuzz run: anonymous, a professional logged in
/// with password and TOTP, and an optician's software with a token for every scope; plus one
/// agreement and one claim for the routes that take a number.
/// </summary>
internal sealed partial class FuzzPlatform : IAsyncDisposable
{
    private FuzzPlatform(TestDatabase database, PlatformFactory root, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
        => (Database, _root, Factory) = (database, root, factory);

    private readonly PlatformFactory _root;
    private DateTime _bearerIssuedAt = DateTime.MinValue;

    public TestDatabase Database { get; }

    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public FakeLogCollector Logs => Factory.Services.GetFakeLogCollector();

    public string Bearer { get; private set; } = "";

    public DemoAccount Professional { get; private set; } = null!;

    /// <summary>The professional's cookies (session, device, antiforgery) and the antiforgery token of its forms.</summary>
    public Dictionary<string, string> ProfessionalCookies { get; } = new(StringComparer.Ordinal);

    public string ProfessionalToken { get; private set; } = "";

    public Dictionary<string, string> AnonymousCookies { get; } = new(StringComparer.Ordinal);

    public string AnonymousToken { get; private set; } = "";

    public string AntiforgeryCookie { get; private set; } = "";

    public string PracticeId { get; private set; } = "";

    public string AgreementNumber { get; private set; } = "";

    public string ClaimId { get; private set; } = "";

    public JsonElement Card { get; private set; }

    /// <summary>A valid client-credentials request of the optician's software.</summary>
    public List<(string Name, string Value)> TokenForm { get; private set; } = [];

    public static async Task<FuzzPlatform> StartAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var seeded = await database.RunAsync("seed", "--beneficiaries", "150", "--practices", "8");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        // The login pages' handlers are fuzzed too, not only their rate limit.
        database.Settings["Accounts:Login:PerAddressPerMinute"] = "100000";
        var root = new PlatformFactory(database);
        var factory = root.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddFakeLogging()));
        // An explicit endpoint on any free port: Kestrel then lists the address it bound, whatever
        // else the factory or a parallel test configured.
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var platform = new FuzzPlatform(database, root, factory);
        await platform.PrepareAsync();
        return platform;
    }

    private async Task PrepareAsync()
    {
        // Where Kestrel really listens (port 0 asked for any free one).
        BaseAddress = new Uri(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var credentials = await CredentialsAsync(Database);
        var client = credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == "opticien");
        PracticeId = client.GetProperty("practiceId").GetString()!;
        TokenForm =
        [
            ("grant_type", "client_credentials"), ("client_id", client.GetProperty("clientId").GetString()!),
            ("client_secret", client.GetProperty("clientSecret").GetString()!),
        ];
        await KeepBearerAsync();
        Card = credentials.RootElement.GetProperty("sampleCards").EnumerateArray()
            .First(c => !c.TryGetProperty("note", out _) && c.GetProperty("insurer").GetString() != "130000034"
                && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique")).Clone();

        AgreementNumber = await CreateAsync("/api/v1/agreements", FuzzBodies.Agreement(Card), "agreementNumber", null);
        ClaimId = await CreateAsync("/api/v1/claims", FuzzBodies.Claim(AgreementNumber), "claimId", "fuzz-setup");

        Professional = (await DemoAccount.ReadAsync(Database)).First(a => a.Profession == "opticien");
        await LogInAsync();
        AnonymousToken = await FormTokenAsync("/connexion", AnonymousCookies);
    }

    private async Task<string> CreateAsync(string path, byte[] body, string property, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await Http.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty(property).GetString()!;
    }

    // The real login: password, then the authenticator's code; the cookies it sets are the professional's.
    private async Task LogInAsync()
    {
        var token = await FormTokenAsync("/connexion", ProfessionalCookies);
        await PostFormAsync("/connexion", ProfessionalCookies, ("login", Professional.Login), ("password", Professional.Password), (FormCases.TokenField, token));
        token = await FormTokenAsync("/connexion/second-facteur", ProfessionalCookies);
        var code = new Totp(Base32Encoding.ToBytes(Professional.TotpSecret)).ComputeTotp(DateTime.UtcNow);
        var done = await PostFormAsync("/connexion/second-facteur", ProfessionalCookies, ("code", code), (FormCases.TokenField, token));
        Assert.True(done.StatusCode == HttpStatusCode.Redirect && ProfessionalCookies.ContainsKey("tp_session"), $"login failed: {(int)done.StatusCode}");
        ProfessionalToken = await FormTokenAsync("/droits", ProfessionalCookies);
    }

    /// <summary>A new token when the current one is past half its 5 minutes, so that a slow run stays authenticated.</summary>
    public async Task KeepBearerAsync()
    {
        if (DateTime.UtcNow - _bearerIssuedAt < TimeSpan.FromMinutes(2.5))
        {
            return;
        }

        Bearer = await AccessTokenAsync(await RequestTokenAsync(Http, [.. TokenForm]));
        _bearerIssuedAt = DateTime.UtcNow;
    }

    /// <summary>Opens a new session for the professional if a fuzz case ended the current one (a logout, "end my sessions").</summary>
    public async Task KeepProfessionalSessionAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var sessions = scope.ServiceProvider.GetRequiredService<PortalSessions>();
        if (await sessions.ResumeAsync(ProfessionalCookies["tp_session"], Cancellation) is not null)
        {
            return;
        }

        var account = await scope.ServiceProvider.GetRequiredService<UserManager<AccountRecord>>().FindByNameAsync(Professional.Login);
        // Where the fuzz client's requests come from (no User-Agent, the loopback), as its login would have bound it.
        var place = new SessionPlace(global::TiersPayant.Accounts.DeviceRecognition.Describe(null), SessionPlace.NetworkOf(IPAddress.Loopback, new SessionBindingOptions()), "127.0.0.1");
        ProfessionalCookies["tp_session"] = await sessions.OpenAsync(account!, "totp", place, Cancellation);
    }

    /// <summary>The fields of the first form of a page as <paramref name="cookies"/> see it (names and values as rendered).</summary>
    public async Task<List<(string Name, string Value)>> FormFieldsAsync(string path, Dictionary<string, string> cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Cookie", CookieHeader(cookies));
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Http.SendAsync(request, Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        var form = FormElement().Match(html);
        return form.Success
            ? [.. FieldElement().Matches(form.Value).Select(m => (WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))]
            : [];
    }

    public static string CookieHeader(IEnumerable<KeyValuePair<string, string>> cookies) => string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value));

    private async Task<string> FormTokenAsync(string path, Dictionary<string, string> cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Cookie", CookieHeader(cookies));
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Http.SendAsync(request, Cancellation);
        Keep(response, cookies);
        var token = TokenField().Match(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(token.Success, $"no form on {path}");
        return token.Groups[1].Value;
    }

    private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> cookies, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(FormCases.Encode(fields), Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.TryAddWithoutValidation("Cookie", CookieHeader(cookies));
        request.Headers.Accept.ParseAdd("text/html");
        var response = await Http.SendAsync(request, Cancellation);
        Keep(response, cookies);
        return response;
    }

    private void Keep(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';', 2)[0].Split('=', 2);
            if (pair[0].StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal))
            {
                AntiforgeryCookie = pair[0];
            }

            cookies[pair[0]] = pair[1];
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await Factory.DisposeAsync();
        await _root.DisposeAsync();
        await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex("<(?:input|select|textarea)[^>]*\\bname=\"(?<name>[^\"]*)\"(?:[^>]*\\bvalue=\"(?<value>[^\"]*)\")?", RegexOptions.IgnoreCase)]
    private static partial Regex FieldElement();
}
