using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using TiersPayant.Hosting;

namespace TiersPayant.Browser.Tests;

/// <summary>
/// The real server on Kestrel (127.0.0.1, a free port) with its embedded default and demo data,
/// and Debian's Chromium driven by Playwright. Pages are opened at http://localhost:PORT:
/// WebAuthn needs a host name for its relying party, and localhost is a secure context.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _data = Directory.CreateTempSubdirectory("tierspayant-browser-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The server's data folder, for an operator's verb run beside it (a payment run).</summary>
    public string DataDirectory => _data;

    public IBrowser Browser { get; private set; } = null!;

    public List<DemoAccount> Accounts { get; private set; } = [];

    public List<DemoStaffAccount> Staff { get; private set; } = [];

    public List<SampleCard> Cards { get; private set; } = [];

    /// <summary>Where screenshots are kept as test artefacts.</summary>
    public static string Artefacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            const string how = "Browser tests need Debian's Chromium at " + ChromiumPath + " (apt-get install chromium; `bash .ci/run` does it).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true but Chromium is missing. " + how);
            }

            return; // each test skips with the same message
        }

        _app = TiersPayantHost.Build(
            ["--urls=http://127.0.0.1:0", "--Demo:Beneficiaries=300", "--Demo:Practices=12", "--environment=Production"],
            new DirectoryInfo(_data));
        await _app.StartAsync();
        BaseUrl = "http://localhost:" + new Uri(_app.Urls.First()).Port;
        var json = await File.ReadAllTextAsync(Path.Combine(_data, "demo-credentials.json"));
        var demo = JsonSerializer.Deserialize<DemoFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        (Accounts, Staff, Cards) = (demo.PortalAccounts, demo.StaffAccounts, demo.SampleCards);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Skips the test (never silently) when Chromium is not installed outside CI.</summary>
    public void RequireBrowser() =>
        Assert.SkipWhen(_app is null, "Browser tests need Debian's Chromium at " + ChromiumPath + " (apt-get install chromium; `bash .ci/run` does it).");

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left to the system's temporary-file cleaning.
        }
    }

    private sealed record DemoFile(List<DemoAccount> PortalAccounts, List<DemoStaffAccount> StaffAccounts, List<SampleCard> SampleCards);
}

public sealed record DemoAccount(string Login, string Password, string TotpSecret, string PracticeId, string Profession);

public sealed record DemoStaffAccount(string Login, string Password, string TotpSecret, string Role, string? Insurer = null);

public sealed record SampleCard(string Insurer, string MemberNumber, string LastName, string FirstName, string BirthDate, int BirthRank, List<string> Domains, string? Note);
