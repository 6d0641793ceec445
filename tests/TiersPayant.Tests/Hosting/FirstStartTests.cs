using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Hosting;

public sealed class FirstStartTests
{
    [Fact]
    public async Task First_start_on_the_embedded_default_migrates_seeds_and_writes_the_credentials()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings.Remove("Database:MigrateOnStart"); // the embedded default decides
        await using var factory = new PlatformFactory(database, demoBeneficiaries: 300);

        var health = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(300, (await database.RevealAllAsync()).Count);
        var credentials = Path.Combine(database.DataDirectory, "demo-credentials.json");
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(credentials, TestContext.Current.CancellationToken));
        Assert.NotEmpty(file.RootElement.GetProperty("sampleCards").EnumerateArray());
    }

    [Fact]
    public async Task A_restart_keeps_the_data_it_has()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var first = new PlatformFactory(database, demoBeneficiaries: 100))
        {
            first.CreateClient();
        }

        var before = (await database.RevealAllAsync()).Select(p => p.Id.Value).Order().ToList();
        await using (var second = new PlatformFactory(database, demoBeneficiaries: 250))
        {
            second.CreateClient();
        }

        Assert.Equal(before, (await database.RevealAllAsync()).Select(p => p.Id.Value).Order().ToList());
    }

    [Fact]
    public async Task On_PostgreSQL_the_server_serves_after_migrate_and_seeds_nothing_by_itself()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        database.Settings.Remove("Database:MigrateOnStart");
        Assert.Equal(0, (await database.RunAsync("migrate")).ExitCode);
        await using var factory = new PlatformFactory(database);

        var health = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await using var db = database.OpenContext();
        Assert.False(await db.Insurers.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Health_is_503_when_the_database_cannot_be_reached()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings["Database:Provider"] = "Postgres";
        database.Settings["Database:MigrateOnStart"] = "false";
        database.Settings["Demo:SeedOnFirstStart"] = "false";
        database.Settings["ConnectionStrings:Default"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2";
        await using var factory = new PlatformFactory(database);

        var health = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }
}
