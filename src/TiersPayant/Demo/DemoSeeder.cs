using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Members;
using TiersPayant.Data.Platform;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Members;
using TiersPayant.Web.Localization;

namespace TiersPayant.Demo;

/// <summary>
/// Fills the database with synthetic data, replacing an earlier demo. Refuses a database that
/// holds anything it did not write itself, so it can never wipe real members, and a demo whose
/// people were disclosed: the disclosure log is never erased, so such a demo is re-seeded into a
/// new database.
/// </summary>
internal sealed class DemoSeeder(
    TiersPayantDbContext db, SyntheticMembers members, DemoAccounts accounts, ApiClientRegistry apiClients, TimeProvider time)
{
    public const string DemoMarker = "demo-data";

    public sealed record Request(int Beneficiaries, int Practices, int Seed, string CredentialsPath, string BaseUrl);

    public sealed record Result(int Beneficiaries, int Practices, int Insurers, int SampleCards);

    public async Task<Result> SeedAsync(Request request, CancellationToken cancellation, IProgress<int>? progress = null)
    {
        var today = ParisTime.Today(time);
        var insurers = DemoCatalog.Insurers(today);
        var practices = DemoPractices.Generate(request.Seed, request.Practices);
        var picker = new SampleCardPicker(today, insurers);
        List<DemoAccounts.Created> portalAccounts;
        List<DemoAccounts.StaffCreated> staffAccounts;
        IReadOnlyList<DemoApiClient> clients;
        IReadOnlyList<DemoAuditClient> auditors;

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellation))
        {
            await EnsureOnlyDemoDataAsync(cancellation);
            await DemoApiClients.RemoveAllAsync(apiClients, cancellation);
            await ClearAsync(cancellation);
            db.Insurers.AddRange(insurers.Select((i, rank) => DemoBanking.WithMandate(i.ToRecord(), rank, today)));
            db.Practices.AddRange(practices.Select((p, rank) => DemoBanking.WithAccount(p.ToRecord(), rank)));
            db.Settings.Add(new PlatformSetting { Key = DemoMarker, Value = request.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(cancellation);
            db.ChangeTracker.Clear();
            portalAccounts = await accounts.CreateAsync(practices, cancellation);
            db.ChangeTracker.Clear();
            staffAccounts = await accounts.CreateStaffAsync(insurers[0].Amc.Value, cancellation);
            db.ChangeTracker.Clear();
            clients = await DemoApiClients.AddAsync(apiClients, practices, cancellation);
            var (auditorId, auditorSecret) = await apiClients.AddDemoAuditorAsync("Démo — auditeur du journal des accès", cancellation);
            auditors = [new DemoAuditClient(auditorId, auditorSecret, "Démo — auditeur du journal des accès")];

            await db.TuneForBulkAsync(cancellation);
            var population = new DemoPopulation(request.Seed, today, insurers).Generate(request.Beneficiaries);
            await members.InsertAsync(population, picker.Consider, cancellation, progress);
            db.Equipment.AddRange(picker.Equipment);
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }

        var credentials = new DemoCredentials(
            request.BaseUrl, portalAccounts, staffAccounts, clients, picker.Cards,
            [.. insurers.Select(i => new InsurerSummary(i.Amc.Value, i.Name, [.. i.Contracts.Select(c => c.Code)]))],
            [.. practices.Select(p => new PracticeSummary(p.Id.ToString(), p.Name, Domain.Practices.Professions.Code(p.Profession), p.City, p.BillingNumber))],
            auditors);
        await credentials.WriteAsync(request.CredentialsPath, cancellation);
        return new Result(request.Beneficiaries, practices.Count, insurers.Count, picker.Cards.Count);
    }

    /// <summary>True when the database has no insurer, practice or beneficiary yet.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellation) =>
        !await db.Insurers.AnyAsync(cancellation) && !await db.Practices.AnyAsync(cancellation) && !await db.Users.AnyAsync(cancellation);

    private async Task EnsureOnlyDemoDataAsync(CancellationToken cancellation)
    {
        var isDemo = await db.Settings.AnyAsync(s => s.Key == DemoMarker, cancellation);
        if (!isDemo && !await IsEmptyAsync(cancellation))
        {
            throw new SeedRefusedException("This database holds data that seed did not write; seed only fills an empty or demo database.");
        }

        if (!await members.MayClearAsync(cancellation))
        {
            throw new SeedRefusedException(
                "This demo's disclosure log is not empty and is never erased; seed a new database (another --data folder, or remove the old database first).");
        }
    }

    private async Task ClearAsync(CancellationToken cancellation)
    {
        // What the demo's users did (checks, agreements) goes with the demo; there are no disclosures to keep.
        await db.EligibilityChecks.ExecuteDeleteAsync(cancellation);
        await db.Claims.ExecuteDeleteAsync(cancellation);
        await db.Agreements.ExecuteDeleteAsync(cancellation);
        await db.Equipment.ExecuteDeleteAsync(cancellation);
        await accounts.ClearAsync(cancellation);
        await members.ClearAsync(cancellation);
        await db.Guarantees.ExecuteDeleteAsync(cancellation);
        await db.ContractPlans.ExecuteDeleteAsync(cancellation);
        await db.Insurers.ExecuteDeleteAsync(cancellation);
        await db.Practices.ExecuteDeleteAsync(cancellation);
        await db.Settings.Where(s => s.Key == DemoMarker).ExecuteDeleteAsync(cancellation);
    }
}

/// <summary>Seeding would overwrite data that is not synthetic.</summary>
internal sealed class SeedRefusedException(string message) : InvalidOperationException(message);
