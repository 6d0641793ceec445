using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Practices;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Demo;

public sealed class SeedTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seed_writes_realistic_families_and_practices_of_every_profession(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await database.RunAsync("seed", "--beneficiaries", "3000", "--practices", "16");

        Assert.Equal(0, result.ExitCode);
        var people = await database.RevealAllAsync();
        Assert.Equal(3000, people.Count);
        Assert.Equal(people.Count, people.Select(p => (p.Insurer, p.MembershipNumber, p.BirthDate, p.BirthRank)).Distinct().Count());
        Assert.Contains(people, p => p.BirthRank == 2 && people.Any(t => t.MembershipNumber == p.MembershipNumber && t.BirthDate == p.BirthDate && t.BirthRank == 1));
        Assert.Contains(people, p => p.Relationship == Relationship.Spouse && p.Name.BirthName is not null);
        Assert.Contains(people, p => p.Relationship == Relationship.Child && !p.HasOwnNir);
        Assert.Contains(people, p => p.Nir.Department is "2A" or "2B");
        Assert.Contains(people, p => p.Nir.IsOverseas);
        Assert.Contains(people, p => p.Nir.IsBornAbroad);
        Assert.Contains(people, p => p.Rights.To < Today);
        Assert.Contains(people, p => p.Rights.From > Today);
        Assert.Contains(people, p => p.Name.LastName.Any(c => c > 127) || p.Name.FirstName.Contains('-', StringComparison.Ordinal));
        Assert.True(people.Select(p => p.Insurer).Distinct().Count() >= 3);
        Assert.All(people, p => Assert.True(p.Rights.To is null || p.Rights.To >= p.Rights.From));

        await using var db = database.OpenContext();
        var practices = await db.Practices.ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Professions.All.Select(p => p.Code()).Order(), practices.Select(p => p.Profession).Distinct().Order());
        Assert.All(practices, p => Assert.True(Luhn.IsValid(p.BillingNumber) && p.BillingNumber.Length == 9));
        Assert.All(practices.Where(p => p.Profession == "etablissement"), p => Assert.True(Luhn.IsValid(p.Finess)));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_people_and_another_seed_does_not()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        await database.RunAsync("seed", "--beneficiaries", "500", "--seed", "7");
        var first = Snapshot(await database.RevealAllAsync());
        await database.RunAsync("seed", "--beneficiaries", "500", "--seed", "7");
        var again = Snapshot(await database.RevealAllAsync());
        await database.RunAsync("seed", "--beneficiaries", "500", "--seed", "8");
        var other = Snapshot(await database.RevealAllAsync());

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Seed_writes_sample_cards_of_people_covered_today()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var path = Path.Combine(database.DataDirectory, "creds.json");

        var result = await database.RunAsync("seed", "--beneficiaries", "2000", "--credentials", path);

        Assert.Equal(0, result.ExitCode);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        var root = file.RootElement;
        Assert.StartsWith("http", root.GetProperty("baseUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("portalAccounts").ValueKind);
        Assert.Equal(4, root.GetProperty("insurers").GetArrayLength());
        var people = await database.RevealAllAsync();
        var cards = root.GetProperty("sampleCards").EnumerateArray().ToList();
        Assert.Contains(cards, c => c.GetProperty("birthRank").GetInt32() == 2);
        foreach (var domain in new[] { "pharmacie", "optique", "audioprothese", "dentaire" })
        {
            Assert.Contains(cards, c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == domain));
        }

        foreach (var card in cards)
        {
            var person = Assert.Single(people, p =>
                p.Insurer.Value == card.GetProperty("insurer").GetString()
                && p.MembershipNumber == card.GetProperty("memberNumber").GetString()
                && p.BirthDate == DateOnly.Parse(card.GetProperty("birthDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                && p.BirthRank == card.GetProperty("birthRank").GetInt32());
            Assert.Equal(person.Name.LastName, card.GetProperty("lastName").GetString());
            Assert.True(person.Rights.Contains(Today));
        }
    }

    [Fact]
    public async Task Seed_refuses_a_database_holding_real_members()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.RunAsync("migrate");
        await using (var db = database.OpenContext())
        {
            db.Insurers.Add(new Data.Members.InsurerRecord { Amc = "123456789", Name = "Vraie Mutuelle", ConventionType = "TPS", RoutingCriterion = "01" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var result = await database.RunAsync("seed", "--beneficiaries", "10");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("seed only fills an empty or demo database", result.Error, StringComparison.Ordinal);
        await using var check = database.OpenContext();
        Assert.Equal("Vraie Mutuelle", (await check.Insurers.SingleAsync(TestContext.Current.CancellationToken)).Name);
    }

    [Fact]
    public async Task A_demo_whose_people_were_disclosed_is_not_reseeded_and_keeps_its_log()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "40", "--practices", "8")).ExitCode);
        Guid someone;
        await using (var db = database.OpenContext())
        {
            someone = await db.Beneficiaries.Select(b => b.Id).FirstAsync(TestContext.Current.CancellationToken);
            db.Disclosures.Add(new Data.Audit.DisclosureRecord
            {
                Id = Guid.CreateVersion7(), OccurredAt = DateTime.UtcNow, ActorKind = "client", ClientId = "demo", SourceAddress = "127.0.0.1",
                BeneficiaryId = someone, InsurerAmc = "0", Fields = "rights", Purpose = "eligibility", Channel = "api", Reference = "IDB-1",
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var again = await database.RunAsync("seed", "--beneficiaries", "40", "--practices", "8", "--seed", "2");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("disclosure log is not empty and is never erased", again.Error, StringComparison.Ordinal);
        await using var check = database.OpenContext();
        Assert.Equal(someone, (await check.Disclosures.SingleAsync(TestContext.Current.CancellationToken)).BeneficiaryId);
        Assert.True(await check.Beneficiaries.AnyAsync(b => b.Id == someone, TestContext.Current.CancellationToken));
    }

    private static List<string> Snapshot(IEnumerable<Beneficiary> people) =>
        [.. people.Select(p => $"{p.Id}|{p.Insurer}|{p.MembershipNumber}|{p.BirthRank}|{p.Name}|{p.BirthDate:O}|{p.Nir.Value}|{p.Relationship}|{p.ContractCode}|{p.Rights}").Order(StringComparer.Ordinal)];
}
