using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Accounts;

/// <summary>
/// One browser on the portal: its own cookies, forms posted with their antiforgery token; its
/// requests come from <paramref name="address"/> (through the test server's trusted proxy).
/// </summary>
public sealed partial class PortalBrowser(
    PlatformFactory factory, TimeProvider time, string userAgent = PortalBrowser.Chrome, string address = "127.0.0.1") : IDisposable
{
    public const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36";
    public const string Firefox = "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0";

    private readonly CookieContainer _cookies = new();
    private HttpClient? _http;

    private HttpClient Client => _http ??= Create(factory, userAgent, address, _cookies);

    /// <summary>This browser's cookies, to copy one into another browser (a stolen session).</summary>
    public CookieContainer Cookies => _cookies;

    private static HttpClient Create(PlatformFactory factory, string userAgent, string address, CookieContainer cookies)
    {
        var client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    public async Task<HttpResponseMessage> GetAsync(string path) =>
        await Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    /// <summary>Loads <paramref name="formPage"/>, then posts <paramref name="fields"/> to <paramref name="action"/> with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var page = await (await GetAsync(formPage)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"no form on {formPage}");
        using var content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token.Groups[1].Value)]);
        return await Client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// As <see cref="PostFormAsync"/>, but when <paramref name="formPage"/> does not answer with its
    /// form (a redirect to a step-up or to the login, a closed page), that answer is returned instead.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var form = await GetAsync(formPage);
        if (form.StatusCode != HttpStatusCode.OK)
        {
            return form;
        }

        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(token.Success, $"no form on {formPage}");
        using var content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token.Groups[1].Value)]);
        return await Client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    /// <summary>The password step.</summary>
    public Task<HttpResponseMessage> PasswordAsync(string login, string password) =>
        PostFormAsync("/connexion", "/connexion", ("login", login), ("password", password));

    /// <summary>Copies this browser's session cookie into <paramref name="other"/>, as a thief would.</summary>
    public void CopySessionTo(PortalBrowser other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var session = _cookies.GetCookies(new Uri("http://localhost"))["tp_session"];
        Assert.NotNull(session);
        other.UseSession(session.Value);
    }

    /// <summary>The second-factor step.</summary>
    public Task<HttpResponseMessage> CodeAsync(string code) =>
        PostFormAsync("/connexion/second-facteur", "/connexion/second-facteur", ("code", code));

    /// <summary>Password and the current TOTP code; returns the code used.</summary>
    public async Task<string> LogInAsync(DemoAccount account)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await PasswordAsync(account.Login, account.Password)).StatusCode);
        var code = Code(account.TotpSecret);
        var done = await CodeAsync(code);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/droits", done.Headers.Location?.OriginalString); // a professional lands on the day's work
        return code;
    }

    /// <summary>The authenticator app's code now (the server's clock).</summary>
    public string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(time.GetUtcNow().UtcDateTime);

    /// <summary>Puts a session token in this browser, as if it had logged in (for sessions opened by the test).</summary>
    public void UseSession(string token) => _cookies.Add(new Uri("http://localhost"), new Cookie("tp_session", token, "/"));

    /// <summary>
    /// Opens a session for <paramref name="login"/> as its login would have (<paramref name="method"/>:
    /// a staff passkey by default, whose WebAuthn ceremony is the browser tests') and puts it in this browser.
    /// </summary>
    public async Task UseSessionOfAsync(string login, string method = "passkey")
    {
        using var scope = factory.Services.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<UserManager<AccountRecord>>().FindByNameAsync(login);
        Assert.NotNull(account);
        var place = new SessionPlace(global::TiersPayant.Accounts.DeviceRecognition.Describe(userAgent),
            SessionPlace.NetworkOf(IPAddress.Parse(address), new SessionBindingOptions()), address);
        UseSession(await scope.ServiceProvider.GetRequiredService<PortalSessions>().OpenAsync(account, method, place, TestContext.Current.CancellationToken));
    }

    public void Dispose() => _http?.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>A staff account of the demo credentials file.</summary>
public sealed record DemoStaffAccount(string Login, string Password, string TotpSecret, string Role, string? Insurer)
{
    public static async Task<List<DemoStaffAccount>> ReadAsync(TestDatabase database)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(database.DataDirectory, "demo-credentials.json"), TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<DemoFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.StaffAccounts;
    }

    private sealed record DemoFile(List<DemoStaffAccount> StaffAccounts);
}

/// <summary>A portal account of the demo credentials file.</summary>
public sealed record DemoAccount(string Login, string Password, string TotpSecret, string PracticeId, string Profession)
{
    public static async Task<List<DemoAccount>> ReadAsync(TestDatabase database)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(database.DataDirectory, "demo-credentials.json"), TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<DemoFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.PortalAccounts;
    }

    private sealed record DemoFile(List<DemoAccount> PortalAccounts);
}
