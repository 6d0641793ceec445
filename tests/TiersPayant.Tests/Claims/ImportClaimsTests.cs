using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.Members.MemberFiles;

namespace TiersPayant.Tests.Claims;

public sealed class ImportClaimsTests
{
    internal const string Insurer = "775000012"; // Mutuelle des Tilleuls in the demo catalogue: pharmacy covered by both contracts
    internal const string Header = "invoice_ref;insurer;membership_number;last_name;first_name;birth_date;birth_rank;domain;care_date;prescription_date;prescriber;code;quantity;unit_price_cents";
    internal const string Doliprane = "3400935955838";
    internal const string Clamoxyl = "3400933054960";

    internal static string Today => DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Line(string reference, string first, string birth, string code, string quantity = "1", string price = "218", string? care = null) =>
        string.Join(';', reference, Insurer, "C100", "Lefèvre", first, birth, "", "pharmacie", care ?? Today, Today, "10000123454", code, quantity, price);

    /// <summary>A seeded database with the family C100 imported and the demo pharmacy's identifier.</summary>
    internal static async Task<(TestDatabase Database, string Pharmacy)> SeededAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seed = await database.RunAsync("seed", "--beneficiaries", "20");
        Assert.True(seed.ExitCode == 0, seed.Error);
        var members = await database.RunAsync("import", "members", Write(database.DataDirectory, [global::TiersPayant.Tests.Members.MemberFiles.Header, .. Family("C100")]), "--insurer", Insurer);
        Assert.True(members.ExitCode == 0, members.Error);
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(database.DataDirectory, "demo-credentials.json"), TestContext.Current.CancellationToken));
        var pharmacy = credentials.RootElement.GetProperty("apiClients").EnumerateArray()
            .First(c => c.GetProperty("profession").GetString() == "pharmacien").GetProperty("practiceId").GetString()!;
        return (database, pharmacy);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_gives_one_claim_per_invoice_and_importing_it_again_creates_nothing(DatabaseProvider provider)
    {
        var (database, pharmacy) = await SeededAsync(provider);
        await using var _ = database;
        var file = Write(database.DataDirectory, [
            Header,
            Line("ORD-1", "Jean-Noël", "1980-04-12", Doliprane, "2"),            // line 2: invoice ORD-1, two lines
            Line("ORD-1", "Jean-Noël", "1980-04-12", Clamoxyl, "1", "301"),     // line 3
            Line("ORD-2", "Aïssatou", "1982-09-30", Doliprane),                  // line 4
            Line("ORD-3", "Personne", "1980-04-12", Doliprane),                  // line 5: nobody has this card and name
        ], name: "claims.csv");
        var results = Path.Combine(database.DataDirectory, "results.csv");

        var first = await database.RunAsync("import", "claims", file, "--practice", pharmacy, "--results", results, "--quiet");
        var firstResults = await File.ReadAllLinesAsync(results, TestContext.Current.CancellationToken);
        var second = await database.RunAsync("import", "claims", file, "--practice", pharmacy, "--results", results, "--quiet");
        var secondResults = await File.ReadAllLinesAsync(results, TestContext.Current.CancellationToken);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("3 invoices on 4 lines: 2 accepted, 1 rejected, 0 not adjudicated; 0 already imported", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("3 invoices on 4 lines: 2 accepted, 1 rejected, 0 not adjudicated; 3 already imported", second.Output, StringComparison.Ordinal);
        await using var db = database.OpenContext();
        var claims = await db.Claims.AsNoTracking().OrderBy(c => c.IdempotencyKey).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["ORD-1", "ORD-2", "ORD-3"], claims.Select(c => c.IdempotencyKey));
        Assert.Equal(["accepted", "accepted", "rejected"], claims.Select(c => c.Status.ToString().ToLowerInvariant()));
        Assert.Equal(2 * 218 + 301, claims[0].TotalCents);
        Assert.Equal("no-match", claims[2].Reasons);
        Assert.All(claims, c => Assert.Equal("batch", c.Channel));

        Assert.Equal("line;invoice_ref;claim_id;status;replayed;total_cents;amo_cents;amc_cents;patient_cents;reasons", firstResults[0]);
        Assert.Equal([$"2;ORD-1;{claims[0].Number};accepted;false;{claims[0].TotalCents};{claims[0].AmoCents};{claims[0].AmcCents};{claims[0].PatientCents};",
                      $"4;ORD-2;{claims[1].Number};accepted;false;218;{claims[1].AmoCents};{claims[1].AmcCents};{claims[1].PatientCents};",
                      $"5;ORD-3;{claims[2].Number};rejected;false;218;0;0;218;no-match"], firstResults[1..]);
        Assert.Equal(firstResults[1..].Select(r => r.Replace(";false;", ";true;", StringComparison.Ordinal)), secondResults[1..]);
        Assert.DoesNotContain(firstResults, r => r.Contains("Lef", StringComparison.Ordinal) || r.Contains("C100", StringComparison.Ordinal) || r.Contains("1980", StringComparison.Ordinal));

        // Each person read is in the disclosure log: the batch door, for the practice, through the batch channel.
        var reads = await db.Disclosures.AsNoTracking().Where(d => d.Purpose == "claim").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, reads.Count); // two people on the first import, the same two again when the second shows their claims
        Assert.Equal(2, reads.Select(d => d.BeneficiaryId).Distinct().Count());
        Assert.All(reads, d => Assert.Equal(("system", "claims-import", "batch", (Guid?)Guid.Parse(pharmacy)), (d.ActorKind, d.Role, d.Channel, d.PracticeId)));
        Assert.Equal(claims.Where(c => c.BeneficiaryId is not null).Select(c => c.Number).Order(), reads.Select(d => d.Reference).Distinct().Order());
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_field_and_a_bad_invoice_leaves_nothing_behind()
    {
        var (database, pharmacy) = await SeededAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        var file = Write(database.DataDirectory, [
            Header,
            Line("ORD-10", "Jean-Noël", "1980-04-12", Doliprane),                       // line 2: a good invoice
            Line("ORD-11", "Jean-Noël", "1980-04-12", Doliprane),                       // line 3: ORD-11 is good on this line…
            Line("ORD-11", "Jean-Noël", "1980-04-12", Clamoxyl, "two"),                 // line 4: …and not on this one
            Line("ORD-12", "Aïssatou", "1982-09-30", Doliprane, care: "2020-13-01"),    // line 5: no such date
            Line("ORD-13", "Aïssatou", "1982-09-30", Doliprane),                        // line 6
            Line("ORD-13", "Aïssatou", "1982-09-30", Clamoxyl, care: "2020-01-01"),     // line 7: another care date in one invoice
            Line("ORD-14", "Aïssatou", "1982-09-30", "", "1", "0"),                     // line 8: no code, no price
        ], name: "bad.csv");

        var result = await database.RunAsync("import", "claims", file, "--practice", pharmacy, "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                "line 4: quantity: must be a whole number",
                "line 5: care_date: required: a date YYYY-MM-DD",
                "line 7: care_date: differs from line 6 of the same invoice",
                "line 8: code: required",
            ], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("5 invoices on 7 lines: 1 accepted, 0 rejected, 4 not adjudicated", result.Output, StringComparison.Ordinal);
        await using var db = database.OpenContext();
        Assert.Equal(["ORD-10"], await db.Claims.AsNoTracking().Select(c => c.IdempotencyKey).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Disclosures.AsNoTracking().CountAsync(d => d.Purpose == "claim", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_guard_decides_each_invoice_under_the_batch_caps_apart_from_the_practices_interactive_budget()
    {
        var (database, pharmacy) = await SeededAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        database.Settings["Guard:BatchCaps:pharmacien:PerHour"] = "1";
        database.Settings["Guard:BatchCaps:pharmacien:PerDay"] = "1";
        var file = Write(database.DataDirectory, [
            Header,
            Line("ORD-20", "Jean-Noël", "1980-04-12", Doliprane),   // line 2: the first person of the hour
            Line("ORD-21", "Aïssatou", "1982-09-30", Doliprane),    // line 3: one person more than the batch cap
        ], name: "capped.csv");

        // One invoice at a time, so that the file's order decides which person the cap leaves out;
        // with several at once either of the two may be the one refused (the count is the same).
        var capped = await database.RunAsync("import", "claims", file, "--practice", pharmacy, "--parallel", "1", "--quiet");
        database.Settings["Guard:BatchCaps:pharmacien:PerHour"] = "10";
        database.Settings["Guard:BatchCaps:pharmacien:PerDay"] = "10";
        var later = await database.RunAsync("import", "claims", file, "--practice", pharmacy, "--quiet");

        Assert.Equal(1, capped.ExitCode);
        Assert.Equal("line 3: invoice_ref: not adjudicated: the guard refused (hourly-cap); send it again later", capped.Error.Trim());
        Assert.Contains("2 invoices on 2 lines: 1 accepted, 0 rejected, 1 not adjudicated", capped.Output, StringComparison.Ordinal);
        Assert.True(later.ExitCode == 0, later.Error);
        Assert.Contains("2 invoices on 2 lines: 2 accepted, 0 rejected, 0 not adjudicated; 1 already imported", later.Output, StringComparison.Ordinal);
        await using var db = database.OpenContext();
        var scopes = await db.GuardReach.AsNoTracking().Select(r => r.Scope).Distinct().ToListAsync(TestContext.Current.CancellationToken);
        var practice = Guid.Parse(pharmacy).ToString("N");
        Assert.Equal(["door:claims-import:" + practice, "practice-batch:" + practice], scopes.Order());
    }

    [Fact]
    public async Task A_file_without_its_columns_or_for_no_practice_is_refused_before_anything_is_read()
    {
        var (database, pharmacy) = await SeededAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        var file = Write(database.DataDirectory, ["invoice_ref;name;code", "A;B;C"], name: "odd.csv");

        var header = await database.RunAsync("import", "claims", file, "--practice", pharmacy, "--quiet");
        var nobody = await database.RunAsync("import", "claims", file, "--practice", Guid.NewGuid().ToString(), "--quiet");

        Assert.Equal(1, header.ExitCode);
        Assert.Contains("line 1: header: unknown column 'name'", header.Error, StringComparison.Ordinal);
        Assert.Contains("line 1: header: missing column 'membership_number'", header.Error, StringComparison.Ordinal);
        Assert.Equal(2, nobody.ExitCode);
        await using var db = database.OpenContext();
        Assert.Equal(0, await db.Disclosures.AsNoTracking().CountAsync(d => d.Purpose == "claim", TestContext.Current.CancellationToken));
    }
}
