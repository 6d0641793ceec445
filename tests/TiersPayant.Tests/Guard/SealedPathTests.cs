using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain;
using TiersPayant.Domain.Identity;
using TiersPayant.Domain.Practices;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Guard;

/// <summary>
/// The guarded path as a module sees it: only the views it names, never the NIR, and a disclosure
/// that is committed before the module gets anything, whatever the module does next.
/// </summary>
public sealed class SealedPathTests
{
    [Fact]
    public async Task Disclosing_rights_gives_the_coverage_and_no_name_birth_date_or_nir()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        await using var scope = kit.Factory.Services.CreateAsyncScope();
        var (actor, card) = Pharmacy(kit);

        var match = await scope.ServiceProvider.GetRequiredService<GuardedBeneficiaries>().MatchAsync(actor, card, Cancellation);
        var disclosure = await match.Beneficiary!.DiscloseAsync(BeneficiaryViews.Rights, "eligibility", "IDB-TEST", Cancellation);

        Assert.Equal(card.Insurer, disclosure.Rights.Insurer);
        Assert.Throws<InvalidOperationException>(() => disclosure.Identity);
        Assert.Throws<InvalidOperationException>(() => disclosure.Care);
        var carried = typeof(RightsView).GetProperties().Select(p => (p.Name, p.PropertyType)).ToList();
        Assert.DoesNotContain(carried, p => p.PropertyType == typeof(Nir) || p.PropertyType == typeof(Domain.Members.PersonName) || p.PropertyType == typeof(DateOnly));
        Assert.DoesNotContain(carried, p => p.Name.Contains("Name", StringComparison.Ordinal) || p.Name.Contains("Birth", StringComparison.Ordinal));
        await using var db = kit.Database.OpenContext();
        Assert.Equal("rights", (await db.Disclosures.SingleAsync(Cancellation)).Fields);
    }

    [Fact]
    public void No_view_a_module_can_be_given_carries_a_nir_or_a_birth_date()
    {
        var views = typeof(Disclosure).GetProperties().Select(p => p.PropertyType).ToList();
        Assert.Equal([typeof(RightsView), typeof(IdentityView), typeof(CareView)], views);
        foreach (var view in views)
        {
            var properties = view.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            Assert.DoesNotContain(properties, p => p.PropertyType == typeof(Nir) || p.Name.Contains("Nir", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(properties, p => p.Name.Contains("BirthDate", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_card_match_never_gives_the_identity_and_a_record_of_another_practice_leads_to_no_one()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        await using var scope = kit.Factory.Services.CreateAsyncScope();
        var guarded = scope.ServiceProvider.GetRequiredService<GuardedBeneficiaries>();
        var (actor, card) = Pharmacy(kit);

        var match = await guarded.MatchAsync(actor, card, Cancellation);
        var identity = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            match.Beneficiary!.DiscloseAsync(BeneficiaryViews.Identity, "list", "X", Cancellation));
        var stranger = await guarded.ThroughRecordAsync(actor, match.Beneficiary!.Id, Cancellation);

        Assert.Contains("own patient", identity.Message, StringComparison.Ordinal);
        Assert.Null(stranger.Beneficiary); // this pharmacy has no rights check, agreement or invoice about them
        await using var db = kit.Database.OpenContext();
        Assert.Equal(0, await db.Disclosures.CountAsync(Cancellation));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_disclosure_survives_the_module_failing_after_the_read(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider);
        var (actor, card) = Pharmacy(kit);

        // A module that reads, writes its business record and then fails before saving.
        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await using var scope = kit.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            var match = await scope.ServiceProvider.GetRequiredService<GuardedBeneficiaries>().MatchAsync(actor, card, Cancellation);
            var rights = (await match.Beneficiary!.DiscloseAsync(BeneficiaryViews.Rights, "eligibility", "IDB-FAILED", Cancellation)).Rights;
            db.Settings.Add(new Data.Platform.PlatformSetting { Key = "half-done", Value = rights.ContractCode });
            throw new InvalidDataException("the module failed after the read");
        });

        // A module that rolls its own transaction back and clears its change tracker.
        await using (var scope = kit.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            var match = await scope.ServiceProvider.GetRequiredService<GuardedBeneficiaries>().MatchAsync(actor, card, Cancellation);
            await match.Beneficiary!.DiscloseAsync(BeneficiaryViews.Rights | BeneficiaryViews.Care, "claim", "FAC-ROLLED-BACK", Cancellation);
            await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
            db.Settings.Add(new Data.Platform.PlatformSetting { Key = "rolled-back", Value = "x" });
            await db.SaveChangesAsync(Cancellation);
            await transaction.RollbackAsync(Cancellation);
            db.ChangeTracker.Clear();
        }

        await using var check = kit.Database.OpenContext();
        var references = await check.Disclosures.OrderBy(d => d.OccurredAt).Select(d => d.Reference).ToListAsync(Cancellation);
        Assert.Equal(["IDB-FAILED", "FAC-ROLLED-BACK"], references);
        Assert.False(await check.Settings.AnyAsync(s => s.Key == "half-done" || s.Key == "rolled-back", Cancellation));
    }

    [Fact]
    public async Task Disclosing_inside_an_open_transaction_of_the_module_is_refused_before_anything_is_given()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        await using var scope = kit.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var (actor, card) = Pharmacy(kit);
        var match = await scope.ServiceProvider.GetRequiredService<GuardedBeneficiaries>().MatchAsync(actor, card, Cancellation);

        await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            match.Beneficiary!.DiscloseAsync(BeneficiaryViews.Rights, "eligibility", "IDB-INSIDE", Cancellation));

        Assert.Contains("before opening", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_database_refuses_to_update_delete_or_truncate_a_disclosure(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider);
        var token = await kit.TokenAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await kit.CheckAsync(token, EligibilityKit.Body(kit.Cards()[0]))).StatusCode);

        await using var db = kit.Database.OpenContext();
        var statements = provider == DatabaseProvider.Postgres
            ? new[] { "UPDATE disclosures SET purpose = 'x'", "DELETE FROM disclosures", "TRUNCATE disclosures CASCADE" }
            : ["UPDATE disclosures SET purpose = 'x'", "DELETE FROM disclosures"];
        foreach (var statement in statements)
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(statement, Cancellation));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal("eligibility", (await db.Disclosures.AsNoTracking().SingleAsync(Cancellation)).Purpose);
    }

    private static (Actor Actor, CardPresentation Card) Pharmacy(EligibilityKit kit)
    {
        var practice = kit.Credentials.RootElement.GetProperty("practices").EnumerateArray()
            .First(p => p.GetProperty("profession").GetString() == "pharmacien");
        var actor = new Actor(ActorKinds.Client, null, "test-client", Guid.Parse(practice.GetProperty("id").GetString()!), Profession.Pharmacien, null, "127.0.0.1", Channels.Api);
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _));
        return (actor, Presentation(card));
    }

    private static CardPresentation Presentation(JsonElement card) => new(
        AmcNumber.Parse(card.GetProperty("insurer").GetString()!), card.GetProperty("memberNumber").GetString()!,
        card.GetProperty("lastName").GetString()!, card.GetProperty("firstName").GetString()!,
        DateOnly.Parse(card.GetProperty("birthDate").GetString()!, CultureInfo.InvariantCulture), card.GetProperty("birthRank").GetInt32());
}
