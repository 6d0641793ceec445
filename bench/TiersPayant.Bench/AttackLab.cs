using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using TiersPayant.Data;
using TiersPayant.Hosting;

namespace TiersPayant.Bench;

/// <summary>
/// The hardening lab, from outside, on the real server on 127.0.0.1 behind a trusted "proxy" (the
/// lab itself), so that each request can come from an address of its choosing, as from a botnet:
/// <list type="number">
/// <item>second-factor guessing on one account, every code from a new address, the password typed
/// again every five codes: how many codes the platform evaluated, per minute;</item>
/// <item>a stolen session cookie replayed from another browser and from another network;</item>
/// <item>50 failed logins from one address, then the holder's known browser there;</item>
/// <item>the inputs that used to answer 500.</item>
/// </list>
/// Loopback only; bounded in time.
/// </summary>
internal static partial class AttackLab
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36";
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchArgs.Option(args, "--seconds", 120);
        var data = Directory.CreateTempSubdirectory("tierspayant-lab-");
        var app = TiersPayantHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Production", "--Demo:Beneficiaries=200", "--Logging:LogLevel:Default=Warning",
             "--Network:TrustedProxies=127.0.0.1"], data);
        await app.StartAsync();
        try
        {
            var baseUrl = new Uri(app.Urls.First());
            using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data.FullName, "demo-credentials.json")));
            var accounts = credentials.RootElement.GetProperty("portalAccounts").EnumerateArray()
                .Select(a => (Login: a.GetProperty("login").GetString()!, Password: a.GetProperty("password").GetString()!, Secret: a.GetProperty("totpSecret").GetString()!))
                .ToList();

            await GuessSecondFactorAsync(app.Services, baseUrl, accounts[0], TimeSpan.FromSeconds(seconds));
            await ReplaySessionAsync(baseUrl, accounts[1]);
            await FloodAddressAsync(baseUrl, accounts[2], accounts[3]);
            await MalformedInputsAsync(baseUrl, credentials.RootElement);
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    private static async Task GuessSecondFactorAsync(IServiceProvider services, Uri baseUrl, (string Login, string Password, string Secret) victim, TimeSpan duration)
    {
        var answers = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var address = 0;
        while (clock.Elapsed < duration)
        {
            using var browser = new Browser(baseUrl, Firefox, Bot(address++));
            await browser.PasswordAsync(victim.Login, victim.Password);
            for (var i = 0; i < 5 && clock.Elapsed < duration; i++)
            {
                browser.Address = Bot(address++);
                var status = (int)(await browser.PostAsync("/connexion/second-facteur", "/connexion/second-facteur", ("code", WrongCode(victim.Secret)))).StatusCode;
                answers[status] = answers.GetValueOrDefault(status) + 1;
            }
        }

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var evaluated = await db.Users.Where(u => u.UserName == victim.Login).Select(u => u.SecondFactorFailures).SingleAsync();
        using var owner = new Browser(baseUrl, Chrome, "192.0.2.1");
        await owner.PasswordAsync(victim.Login, victim.Password);
        var right = await owner.PostAsync("/connexion/second-facteur", "/connexion/second-facteur", ("code", Code(victim.Secret)));
        var untilSuspension = Enumerable.Range(1, Security.Accounts.SecondFactorLimit.MaxFailures - 1).Sum(n => Security.Accounts.SecondFactorLimit.DelayAfter(n).TotalHours);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"1. second-factor guessing, one account, {address} addresses, {clock.Elapsed.TotalSeconds:F0} s: {answers.Values.Sum()} codes sent ({Join(answers)}), " +
            $"{evaluated} evaluated ({evaluated / clock.Elapsed.TotalMinutes:F1} a minute); the right code afterwards: {(int)right.StatusCode}{Where(right)}; " +
            $"at this schedule the {Security.Accounts.SecondFactorLimit.MaxFailures}th code, which suspends the authenticator, comes after {untilSuspension:F1} h"));
    }

    private static async Task ReplaySessionAsync(Uri baseUrl, (string Login, string Password, string Secret) holder)
    {
        using var office = new Browser(baseUrl, Chrome, "203.0.113.10");
        await office.LogInAsync(holder.Login, holder.Password, holder.Secret);
        var stolen = office.Cookie("tp_session")!;
        var results = new List<string>();
        Browser? last = null;
        foreach (var (label, agent, address) in new[] { ("another browser", Firefox, "203.0.113.10"), ("another network", Chrome, "198.51.100.23"), ("both", Firefox, "198.51.100.23") })
        {
            last?.Dispose();
            last = new Browser(baseUrl, agent, address);
            last.SetCookie("tp_session", stolen);
            var page = await last.GetAsync("/droits");
            results.Add($"from {label}: /droits {(int)page.StatusCode}{Where(page)}");
        }

        var guessed = await last!.PostAsync("/connexion/verification", "/connexion/verification", ("code", WrongCode(holder.Secret)), ("returnUrl", "/droits"));
        var ended = (await guessed.Content.ReadAsStringAsync()).Contains("la session a été fermée", StringComparison.Ordinal);
        results.Add($"a guessed step-up code: {(int)guessed.StatusCode}, session {(ended ? "ended" : "still open")}");
        last.Dispose();
        var after = await office.GetAsync("/droits");
        Console.WriteLine($"2. stolen session cookie replayed — {string.Join("; ", results)}; the holder's own browser after the refused step-up: /droits {(int)after.StatusCode}{Where(after)}");
    }

    private static async Task FloodAddressAsync(Uri baseUrl, (string Login, string Password, string Secret) holder, (string Login, string Password, string Secret) colleague)
    {
        const string pharmacy = "203.0.113.77";
        using var counter = new Browser(baseUrl, Chrome, pharmacy);
        await counter.LogInAsync(holder.Login, holder.Password, holder.Secret);
        await counter.PostAsync("/compte", "/deconnexion");
        using var attacker = new Browser(baseUrl, Firefox, pharmacy);
        // 50 refused passwords, waiting out the per-minute bucket as a patient attacker would, until
        // the address's 15-minute window of failures is full.
        var flood = new Dictionary<int, int>();
        for (var i = 0; flood.GetValueOrDefault(200) < 50; i++)
        {
            var attempt = await attacker.PasswordAsync(i % 2 == 0 ? holder.Login : colleague.Login, $"mauvais-mot-de-passe-{i}");
            flood[(int)attempt.StatusCode] = flood.GetValueOrDefault((int)attempt.StatusCode) + 1;
            if (attempt.Headers.RetryAfter?.Delta is { } wait)
            {
                if (wait > TimeSpan.FromMinutes(1))
                {
                    break; // the address window is full: every further attempt waits for it
                }

                await Task.Delay(wait);
            }
        }

        using var newcomer = new Browser(baseUrl, Chrome, pharmacy);
        var unknown = await newcomer.PasswordAsync(colleague.Login, colleague.Password);
        await Task.Delay(TimeSpan.FromSeconds(31)); // the holder's last code is spent: the next one
        var clock = Stopwatch.StartNew();
        var password = await counter.PasswordAsync(holder.Login, holder.Password);
        var code = await counter.PostAsync("/connexion/second-facteur", "/connexion/second-facteur", ("code", Code(holder.Secret)));
        var work = await counter.GetAsync("/droits");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"3. failed logins from {pharmacy} until its window is full ({Join(flood)}); then an unknown browser there with the right password: {(int)unknown.StatusCode}" +
            $"{(unknown.Headers.RetryAfter is { } retry ? $" (Retry-After {retry})" : string.Empty)}; the holder's known browser there: password {(int)password.StatusCode}{Where(password)}, " +
            $"code {(int)code.StatusCode}{Where(code)}, /droits {(int)work.StatusCode}, in {clock.Elapsed.TotalMilliseconds:F0} ms"));
    }

    private static async Task MalformedInputsAsync(Uri baseUrl, JsonElement credentials)
    {
        using var plain = new HttpClient { BaseAddress = baseUrl };
        var client = credentials.GetProperty("apiClients").EnumerateArray().First();
        using var tokenAnswer = await plain.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent([
            new("grant_type", "client_credentials"), new("client_id", client.GetProperty("clientId").GetString()!), new("client_secret", client.GetProperty("clientSecret").GetString()!)]));
        var token = JsonDocument.Parse(await tokenAnswer.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        var results = new List<string>();

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/health"))
        {
            request.Headers.Add("Cookie", "tp_session=!!!!");
            results.Add($"malformed tp_session on /health {(int)(await plain.SendAsync(request)).StatusCode}");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility"))
        {
            request.Headers.Authorization = new("Bearer", token);
            request.Content = new ByteArrayContent("{}"u8.ToArray());
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=bogus");
            results.Add($"charset=bogus {(int)(await plain.SendAsync(request)).StatusCode}");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/r4/CoverageEligibilityRequest"))
        {
            request.Headers.Authorization = new("Bearer", token);
            request.Content = new ByteArrayContent([.. "{\"resourceType\":\"CoverageEligibilityRequest\",\"id\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/fhir+json");
            results.Add($"FHIR invalid UTF-8 {(int)(await plain.SendAsync(request)).StatusCode}");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility"))
        {
            request.Headers.Authorization = new("Bearer", token);
            request.Content = new StringContent("{\"card\":{\"insurer\":\"x\",\"memberNumber\":\"1\"},\"unknown\":\"" + new string('x', 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
            results.Add($"1 MB unknown member {(int)(await plain.SendAsync(request)).StatusCode}");
        }

        var optician = credentials.GetProperty("portalAccounts").EnumerateArray().Last(a => a.GetProperty("profession").GetString() == "opticien");
        using var portal = new Browser(baseUrl, Chrome, "203.0.113.50");
        await portal.LogInAsync(optician.GetProperty("login").GetString()!, optician.GetProperty("password").GetString()!, optician.GetProperty("totpSecret").GetString()!);
        var card = credentials.GetProperty("sampleCards").EnumerateArray().First(c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        var price = await portal.PostAsync("/prises-en-charge", "/prises-en-charge",
            ("Input.Insurer", card.GetProperty("insurer").GetString()!), ("Input.MemberNumber", card.GetProperty("memberNumber").GetString()!),
            ("Input.LastName", card.GetProperty("lastName").GetString()!), ("Input.FirstName", card.GetProperty("firstName").GetString()!),
            ("Input.BirthDate", card.GetProperty("birthDate").GetString()!), ("Input.CareDate", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("Input.Domain", "optique"), ("Input.Lines[0].Code", "2999001"), ("Input.Lines[0].Quantity", "1"), ("Input.Lines[0].UnitPrice", "92233720368547758,08"));
        results.Add($"portal unit price 92,233,720,368,547,758.08 € {(int)price.StatusCode}");
        Console.WriteLine($"4. inputs that answered 500 before: {string.Join("; ", results)}");
    }

    private static string Join(Dictionary<int, int> answers) => string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key} × {a.Value}"));

    private static string Where(HttpResponseMessage response) => response.Headers.Location is { } location ? $" → {location.OriginalString}" : string.Empty;

    private static string Bot(int n) => $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";

    private static string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp();

    private static string WrongCode(string secret)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var valid = new[] { -30, 0, 30 }.Select(s => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(Random.Shared.Next(1000), 1000).Select(i => (i % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    /// <summary>A scripted browser: its own cookies, the antiforgery token of the form it posts, an address of its choosing.</summary>
    private sealed partial class Browser : IDisposable
    {
        private readonly CookieContainer _cookies = new();
        private readonly HttpClient _http;
        private readonly Uri _base;

        public Browser(Uri baseUrl, string userAgent, string address)
        {
            _base = baseUrl;
            Address = address;
            _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
            _http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        }

        public string Address { get; set; }

        public string? Cookie(string name) => _cookies.GetCookies(_base)[name]?.Value;

        public void SetCookie(string name, string value) => _cookies.Add(_base, new Cookie(name, value, "/"));

        public async Task<HttpResponseMessage> GetAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Forwarded-For", Address);
            return await _http.SendAsync(request);
        }

        public async Task<HttpResponseMessage> PostAsync(string formPage, string action, params (string Name, string Value)[] fields)
        {
            var page = await (await GetAsync(formPage)).Content.ReadAsStringAsync();
            var token = Token().Match(page).Groups[1].Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, action)
            {
                Content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token)]),
            };
            request.Headers.Add("X-Forwarded-For", Address);
            return await _http.SendAsync(request);
        }

        public Task<HttpResponseMessage> PasswordAsync(string login, string password) =>
            PostAsync("/connexion", "/connexion", ("login", login), ("password", password));

        public async Task LogInAsync(string login, string password, string secret)
        {
            await PasswordAsync(login, password);
            var done = await PostAsync("/connexion/second-facteur", "/connexion/second-facteur", ("code", Code(secret)));
            if (done.Headers.Location?.OriginalString != "/compte")
            {
                throw new InvalidOperationException($"login of the lab's own account failed: {(int)done.StatusCode}");
            }
        }

        public void Dispose() => _http.Dispose();

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex Token();
    }
}
