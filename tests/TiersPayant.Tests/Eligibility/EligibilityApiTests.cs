using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Protection;
using TiersPayant.Domain.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Eligibility;

public sealed class EligibilityApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rights_check_answers_coverage_records_the_disclosure_and_never_returns_the_NIR(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider);
        var card = kit.Cards().First(c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "pharmacie"));

        var response = await kit.CheckAsync(await kit.TokenAsync(), EligibilityKit.Body(card, domains: ["pharmacie"]));
        var body = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("covered", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(["status", "reference", "coverage"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var line = json.RootElement.GetProperty("coverage").EnumerateArray().Single();
        Assert.Equal("pharmacie", line.GetProperty("domain").GetString());
        Assert.True(line.GetProperty("covered").GetBoolean());

        using var scope = kit.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var disclosure = await db.Disclosures.SingleAsync(Cancellation);
        var stored = await db.Beneficiaries.SingleAsync(b => b.Id == disclosure.BeneficiaryId, Cancellation);
        var person = scope.ServiceProvider.GetRequiredService<BeneficiaryProtector>().Reveal(stored);
        Assert.DoesNotContain(person.Nir.Value, body, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Nir.Value[..13], body, StringComparison.Ordinal);
        NotShown.Name(person.Name.LastName, body);
        NotShown.Name(person.Name.FirstName, body);
        Assert.DoesNotContain(person.MembershipNumber, body, StringComparison.Ordinal);
        Assert.DoesNotContain(card.GetProperty("birthDate").GetString()!, body, StringComparison.Ordinal);
        Assert.Equal(("client", "rights", "eligibility", "api"), (disclosure.ActorKind, disclosure.Fields, disclosure.Purpose, disclosure.Channel));
        Assert.Equal(json.RootElement.GetProperty("reference").GetString(), disclosure.Reference);
        Assert.Equal(card.GetProperty("memberNumber").GetString(), person.MembershipNumber);
        var check = await db.EligibilityChecks.SingleAsync(Cancellation);
        Assert.Equal((disclosure.Reference, (Guid?)disclosure.BeneficiaryId, EligibilityStatus.Covered), (check.Reference, check.BeneficiaryId, check.Status));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_mismatch_gives_the_same_no_match_and_discloses_nothing(DatabaseProvider provider)
    {
        // Six wrong identities on one birth date in a row is what the detector calls guessing (DetectionTests);
        // here only the matcher's answer is under test.
        await using var kit = await EligibilityKit.StartAsync(provider, ("Guard:Detection:Enabled", "false"));
        var token = await kit.TokenAsync();
        var card = kit.Cards()[0];
        var otherInsurer = kit.Credentials.RootElement.GetProperty("insurers").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()!).First(i => i != card.GetProperty("insurer").GetString());
        var birth = DateOnly.Parse(card.GetProperty("birthDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        object[] mismatches =
        [
            EligibilityKit.Body(card, lastName: "Dupont-Inconnu"),
            EligibilityKit.Body(card, firstName: "Personne"),
            EligibilityKit.Body(card, birthDate: birth.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            EligibilityKit.Body(card, birthRank: card.GetProperty("birthRank").GetInt32() + 1),
            EligibilityKit.Body(card, memberNumber: card.GetProperty("memberNumber").GetString() + "9"),
            EligibilityKit.Body(card, insurer: otherInsurer),
        ];

        var answers = new List<string>();
        foreach (var body in mismatches)
        {
            var response = await kit.CheckAsync(token, body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
            answers.Add($"{json.RootElement.GetProperty("status").GetString()} {json.RootElement.GetProperty("coverage").GetRawText()}");
        }

        Assert.All(answers, a => Assert.Equal("no-match []", a));
        using var scope = kit.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        Assert.Equal(0, await db.Disclosures.CountAsync(Cancellation));
        Assert.Equal(mismatches.Length, await db.MatchFailures.CountAsync(Cancellation));
    }

    [Fact]
    public async Task Twins_are_told_apart_by_rank_or_without_it_by_their_names()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync();
        var twins = kit.Cards().Where(c => c.TryGetProperty("note", out var note) && note.GetString()!.Contains("jumeau", StringComparison.Ordinal)).ToList();
        var (first, second) = (twins.Single(t => t.GetProperty("birthRank").GetInt32() == 1), twins.Single(t => t.GetProperty("birthRank").GetInt32() == 2));
        Assert.Equal(first.GetProperty("birthDate").GetString(), second.GetProperty("birthDate").GetString());

        async Task<string> StatusAsync(object body)
        {
            using var json = JsonDocument.Parse(await (await kit.CheckAsync(token, body)).Content.ReadAsStringAsync(Cancellation));
            return json.RootElement.GetProperty("status").GetString()!;
        }

        var secondWithoutRank = EligibilityKit.Body(second);
        ((Dictionary<string, object?>)secondWithoutRank)["beneficiary"] = new
        {
            lastName = second.GetProperty("lastName").GetString(), firstName = second.GetProperty("firstName").GetString(), birthDate = second.GetProperty("birthDate").GetString(),
        };

        Assert.Equal("covered", await StatusAsync(EligibilityKit.Body(second)));
        Assert.Equal("covered", await StatusAsync(secondWithoutRank));
        Assert.Equal("no-match", await StatusAsync(EligibilityKit.Body(second, birthRank: 1)));
        Assert.Equal("covered", await StatusAsync(EligibilityKit.Body(first)));
    }

    [Fact]
    public async Task Names_match_whatever_their_case_accents_and_separators()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var card = kit.Cards()[0];
        var last = card.GetProperty("lastName").GetString()!;
        var first = card.GetProperty("firstName").GetString()!;

        var response = await kit.CheckAsync(await kit.TokenAsync(), EligibilityKit.Body(card,
            lastName: "  " + last.ToLowerInvariant().Replace('-', ' ') + " ", firstName: first.ToUpperInvariant().Normalize(System.Text.NormalizationForm.FormD)));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.NotEqual("no-match", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_fields_are_named_in_a_validation_problem()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var body = new
        {
            card = new { insurer = "12ab", memberNumber = "" },
            beneficiary = new { lastName = "Martin", firstName = "", birthDate = "1980-13-40", birthRank = 12 },
            careDate = "demain",
            domains = new[] { "optique", "boulangerie" },
        };

        var response = await kit.CheckAsync(await kit.TokenAsync(), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("urn:tierspayant:problem:validation", json.RootElement.GetProperty("type").GetString());
        var fields = json.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["beneficiary.birthDate", "beneficiary.birthRank", "beneficiary.firstName", "card.insurer", "card.memberNumber", "careDate", "domains[1]"], fields);
    }

    [Fact]
    public async Task Without_a_token_or_without_the_eligibility_scope_nothing_is_checked()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var body = EligibilityKit.Body(kit.Cards()[0]);

        var anonymous = await kit.CheckAsync(null, body);
        var claimsOnly = await kit.CheckAsync(await kit.TokenAsync(scope: "claims"), body);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, claimsOnly.StatusCode);
        using var scope = kit.Factory.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>().EligibilityChecks.CountAsync(Cancellation));
    }
}
