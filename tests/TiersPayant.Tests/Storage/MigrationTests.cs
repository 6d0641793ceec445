using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Storage;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_creates_the_schema_then_reports_it_up_to_date(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        database.Settings["Database:MigrateOnStart"] = "false";

        var first = await database.RunAsync("migrate");
        var second = await database.RunAsync("migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("applied", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output, StringComparison.Ordinal);
        await using var db = database.OpenContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Beneficiaries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_first_start_on_an_empty_database_creates_the_schema_and_logs_no_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var root = new PlatformFactory(database);
        await using var platform = root.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddFakeLogging()));

        _ = platform.Server; // starts the host: migrations on start

        var errors = platform.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level >= LogLevel.Error).Select(r => $"{r.Category}: {r.Message}").ToList();
        Assert.Empty(errors);
        await using var db = database.OpenContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public void Each_provider_has_migrations_matching_the_model(DatabaseProvider provider)
    {
        // No database needed: compares the model with the provider's last migration snapshot.
        using var db = new Data.TiersPayantDbContext(DatabaseProviders.Options(provider,
            provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=unused"));

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"Run scripts/add-migration.sh: the {provider} migrations lag behind the model.");
    }
}
