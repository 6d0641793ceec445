using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Audit;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Audit;

/// <summary>
/// The breach scope from the command line and the DPO's page: exactly the people disclosed to the
/// given accounts, clients, practices or addresses in the window, none of the others.
/// </summary>
public sealed class BreachScopeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_scope_counts_exactly_the_people_disclosed_to_the_suspects_in_the_window(DatabaseProvider provider)
    {
        await using var kit = await AuditKit.StartAsync(provider, beneficiaries: 80);
        var (suspect, bystander, practice) = ("tp-stolen", "tp-honest", Guid.CreateVersion7());
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        // The stolen client reads 30 people (some twice, names for ten of them); an honest one reads others and some of the same.
        await DiscloseAsync(kit, suspect, practice, "198.51.100.7", Enumerable.Range(0, 30), [DisclosedFields.Rights]);
        await DiscloseAsync(kit, suspect, practice, "198.51.100.7", Enumerable.Range(0, 10), [DisclosedFields.LastName, DisclosedFields.FirstName, DisclosedFields.MemberNumber]);
        await DiscloseAsync(kit, bystander, Guid.CreateVersion7(), "192.0.2.1", Enumerable.Range(20, 40), [DisclosedFields.Rights]);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var result = await kit.Database.RunAsync("breach", "scope", "--client", suspect, "--from", Iso(before), "--to", Iso(after), "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(30, root.GetProperty("people").GetInt32());
        Assert.Equal(40, root.GetProperty("disclosures").GetInt32());
        Assert.Equal(10, root.GetProperty("byField").GetProperty("lastName").GetInt32());
        Assert.Equal(30, root.GetProperty("byField").GetProperty("rights").GetInt32());
        Assert.Equal(0, root.GetProperty("byField").GetProperty("nir").GetInt32());
        var expected = Enumerable.Range(0, 30).Select(i => kit.People[i]).ToList();
        Assert.Equal(expected.Select(p => p.Id).Order(), root.GetProperty("exposed").EnumerateArray().Select(e => e.GetProperty("beneficiaryId").GetGuid()).Order());
        Assert.Equal(expected.GroupBy(p => p.Insurer).ToDictionary(g => g.Key, g => g.Count()),
            root.GetProperty("byInsurer").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
        Assert.All(root.GetProperty("exposed").EnumerateArray(), e => Assert.Equal([suspect], e.GetProperty("via").EnumerateArray().Select(v => v.GetString())));

        // The same people by the practice or by the address; none in a window before.
        var byPractice = await kit.Database.RunAsync("breach", "scope", "--practice", practice.ToString(), "--from", Iso(before), "--to", Iso(after), "--json");
        var byAddress = await kit.Database.RunAsync("breach", "scope", "--address", "198.51.100.7", "--from", Iso(before), "--to", Iso(after), "--json");
        var earlier = await kit.Database.RunAsync("breach", "scope", "--client", suspect, "--from", Iso(before.AddHours(-2)), "--to", Iso(before), "--json");
        var both = await kit.Database.RunAsync("breach", "scope", "--client", suspect, "--client", bystander, "--from", Iso(before), "--to", Iso(after), "--json");
        Assert.Equal(30, People(byPractice));
        Assert.Equal(30, People(byAddress));
        Assert.Equal(0, People(earlier));
        Assert.Equal(60, People(both));
    }

    [Fact]
    public async Task The_drafts_of_a_recorded_breach_hold_what_the_gdpr_requires_and_each_insurer_gets_its_own_members_only()
    {
        await using var kit = await AuditKit.StartAsync(DatabaseProvider.Sqlite, beneficiaries: 80);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await DiscloseAsync(kit, "tp-stolen", Guid.CreateVersion7(), "198.51.100.7", Enumerable.Range(0, 30), [DisclosedFields.Rights]);
        await DiscloseAsync(kit, "tp-stolen", Guid.CreateVersion7(), "198.51.100.7", Enumerable.Range(0, 10), [DisclosedFields.LastName, DisclosedFields.FirstName, DisclosedFields.MemberNumber]);
        await DiscloseAsync(kit, "tp-honest", Guid.CreateVersion7(), "192.0.2.1", Enumerable.Range(30, 20), [DisclosedFields.Rights]);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var recorded = await kit.Database.RunAsync("breach", "record", "--client", "tp-stolen", "--from", Iso(before), "--to", Iso(after),
            "--nature", "Jeton d'un logiciel d'officine dérobé et utilisé pour consulter des droits.", "--measures", "Jeton révoqué, client suspendu.",
            "--contact", "DPO TiersPayant, dpo@tierspayant.example, 01 23 45 67 89");
        Assert.True(recorded.ExitCode == 0, recorded.Error);
        var breachId = recorded.Output.Split('\n')[0]["breach: ".Length..].Trim();
        Assert.Contains("notify the supervisory authority by:", recorded.Output, StringComparison.Ordinal);
        var folder = Path.Combine(kit.Database.DataDirectory, "brouillons");

        var notified = await kit.Database.RunAsync("breach", "notify", "--breach", breachId, "--out", folder);

        Assert.True(notified.ExitCode == 0, notified.Error);
        var authority = await File.ReadAllTextAsync(Path.Combine(folder, "notification-autorite-art33.txt"), Cancellation);
        foreach (var required in new[]
        {
            "article 33", "Nature de la violation", "Jeton d'un logiciel d'officine dérobé", "Catégories de personnes concernées",
            "Nombre de personnes concernées : 30", "Nombre d'enregistrements concernés : 40", "Catégories de données concernées", "nom : 10 personnes",
            "Point de contact", "dpo@tierspayant.example", "Conséquences probables", "hameçonnage", "Mesures prises et proposées", "Jeton révoqué",
        })
        {
            Assert.Contains(required, authority, StringComparison.Ordinal);
        }

        var people = (await kit.Database.RevealAllAsync()).ToDictionary(p => p.Id.Value);
        var exposed = kit.People.Take(30).Select(p => people[p.Id]).ToList();
        foreach (var insurer in exposed.Select(p => p.Insurer.Value).Distinct())
        {
            var notice = await File.ReadAllTextAsync(Path.Combine(folder, "assureurs", insurer + ".txt"), Cancellation);
            Assert.Contains($"Vos adhérents concernés : {exposed.Count(p => p.Insurer.Value == insurer)} (nombre exact)", notice, StringComparison.Ordinal);
            Assert.All(exposed.Where(p => p.Insurer.Value == insurer), p => Assert.Contains($"  {p.MembershipNumber} ; {p.Name.LastName} ;", notice, StringComparison.Ordinal));
            Assert.All(exposed.Where(p => p.Insurer.Value != insurer), p => Assert.DoesNotContain($"  {p.MembershipNumber} ;", notice, StringComparison.Ordinal));
            Assert.DoesNotContain(people.Values.First().Nir.Value, notice, StringComparison.Ordinal);
        }

        using (var reader = new StreamReader(Path.Combine(folder, "courriers-art34.csv")))
        using (var csv = new CsvHelper.CsvReader(reader, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(30, rows.Count);
            Assert.Equal(exposed.Select(p => p.Name.LastName).Order(), rows.Select(r => (string)r["nom"]).Order());
            Assert.All(rows, r => Assert.Contains("Ce que nous vous conseillons", (string)r["texte"], StringComparison.Ordinal));
        }

        var pdfs = Directory.GetFiles(Path.Combine(folder, "courriers"), "*.pdf");
        Assert.Equal(30, pdfs.Length);
        Assert.All(pdfs, p => Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(p), 0, 5), StringComparison.Ordinal));

        // Reading the names for the letters went through the named door and is in the log.
        await using var db = kit.Database.OpenContext();
        var door = await db.Disclosures.Where(d => d.Role == BreachRegister.Door).ToListAsync(Cancellation);
        Assert.Equal(30, door.Count);
        Assert.All(door, d => Assert.Equal("breach-notice", d.Purpose));
    }

    [Fact]
    public async Task Bad_arguments_name_the_option_and_exit_2()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var unknown = await database.RunAsync("breach", "scope", "--account", "nobody", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z");
        var backwards = await database.RunAsync("breach", "scope", "--from", "2026-01-02T00:00:00Z", "--to", "2026-01-01T00:00:00Z");
        var practice = await database.RunAsync("breach", "scope", "--practice", "cabinet-7", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z");

        Assert.Equal((2, 2, 2), (unknown.ExitCode, backwards.ExitCode, practice.ExitCode));
        Assert.Contains("--account: no account has login 'nobody'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("--to must be after --from", backwards.Error, StringComparison.Ordinal);
        Assert.Contains("--practice: 'cabinet-7' is not a practice identifier", practice.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dpo_with_a_passkey_gets_the_same_scope_on_the_page_and_no_one_else_does()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "40", "--practices", "4")).ExitCode);
        await using var factory = new PlatformFactory(database, time: time);
        using var _ = factory.CreateClient();
        var staff = await DemoStaffAccount.ReadAsync(database);
        List<(Guid Id, string Insurer)> people;
        await using (var db = database.OpenContext())
        {
            people = [.. (await db.Beneficiaries.AsNoTracking().Select(b => new { b.Id, b.InsurerAmc }).ToListAsync(Cancellation)).Select(b => (b.Id, b.InsurerAmc))];
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<DisclosureLog>();
            var reader = new Reader("client", null, "tp-stolen", Guid.CreateVersion7(), null, "198.51.100.7", "api", null, "pharmacien");
            foreach (var person in people.Take(12))
            {
                await log.RecordAsync(reader, person.Id, person.Insurer, [DisclosedFields.Rights], "eligibility", "IDB-1", Cancellation);
            }
        }

        var paris = TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        (string, string)[] form =
        [
            ("Form.Clients", "tp-stolen"), ("Form.From", paris.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            ("Form.To", paris.AddMinutes(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
        ];
        using var dpo = new PortalBrowser(factory, time);
        await dpo.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.DataProtectionOfficer).Login, "passkey");

        var page = await (await dpo.PostFormAsync("/dpo", "/dpo", form)).Content.ReadAsStringAsync(Cancellation);
        var download = await dpo.PostFormAsync("/dpo", "/dpo?handler=Json", form);

        Assert.Contains("<dd data-people>12</dd>", page, StringComparison.Ordinal);
        Assert.Equal(12, System.Text.RegularExpressions.Regex.Matches(page, "data-exposed=").Count);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(12, json.RootElement.GetProperty("people").GetInt32());
        Assert.Contains("Aucun compte n'a l'identifiant « personne.inconnue »",
            await (await dpo.PostFormAsync("/dpo", "/dpo", [.. form, ("Form.Accounts", "personne.inconnue")])).Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        // Recorded from the page: the 72-hour clock shows, and the drafts come as one archive.
        var missing = await dpo.PostFormAsync("/dpo", "/dpo?handler=Record", [.. form, ("Nature", "Jeton volé"), ("Measures", "Jeton révoqué")]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Renseignez ce champ : Point de contact", await missing.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        var recorded = await (await dpo.PostFormAsync("/dpo", "/dpo?handler=Record",
            [.. form, ("Nature", "Jeton volé"), ("Measures", "Jeton révoqué"), ("Contact", "dpo@tierspayant.example")])).Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("Violation enregistrée", recorded, StringComparison.Ordinal);
        Assert.Contains("Il reste 72 h 00", recorded, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromHours(73));
        await dpo.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.DataProtectionOfficer).Login, "passkey"); // the earlier session has expired
        var later = await (await dpo.GetAsync("/dpo")).Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("Délai dépassé", later, StringComparison.Ordinal);
        var breachId = System.Text.RegularExpressions.Regex.Match(later, "name=\"breachId\" value=\"([^\"]+)\"").Groups[1].Value;
        var drafts = await dpo.PostFormAsync("/dpo", "/dpo?handler=Drafts", ("breachId", breachId));
        Assert.Equal("application/zip", drafts.Content.Headers.ContentType?.MediaType);
        using (var zip = new System.IO.Compression.ZipArchive(await drafts.Content.ReadAsStreamAsync(Cancellation)))
        {
            Assert.Contains("notification-autorite-art33.txt", zip.Entries.Select(e => e.FullName));
            Assert.Equal(12, zip.Entries.Count(e => e.FullName.StartsWith("courriers/", StringComparison.Ordinal)));
        }

        using var analyst = new PortalBrowser(factory, time);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");
        using var codeOnly = new PortalBrowser(factory, time);
        await codeOnly.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.DataProtectionOfficer).Login, "totp");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/dpo")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await codeOnly.GetAsync("/dpo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("/dpo")).StatusCode);
    }

    private static async Task DiscloseAsync(AuditKit kit, string client, Guid practice, string address, IEnumerable<int> who, string[] fields)
    {
        await using var scope = kit.Host.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<DisclosureLog>();
        var reader = new Reader("client", null, client, practice, null, address, "api", null, "pharmacien");
        foreach (var i in who)
        {
            await log.RecordAsync(reader, kit.People[i].Id, kit.People[i].Insurer, fields, "eligibility", $"IDB-{i}", Cancellation);
        }
    }

    private static int People(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("people").GetInt32();
    }

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
