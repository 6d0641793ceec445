using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TiersPayant.Data.Configuration;

/// <summary>Points a context at SQLite or PostgreSQL, each with its own migrations assembly.</summary>
public static class DatabaseProviders
{
    public const string SqliteMigrationsAssembly = "TiersPayant.Data.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "TiersPayant.Data.Migrations.Postgres";

    /// <summary>The connection string of the embedded default.</summary>
    public static string DefaultSqliteConnection(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, "tierspayant.db")}";

    /// <summary>
    /// The provider, and EFCore.NamingConventions' snake_case names: operators read PostgreSQL
    /// with psql, and unquoted snake_case names are what they type. Every context is configured
    /// here: the host's, the tools' and tests' (<see cref="Options"/>), both design-time factories.
    /// The context refines the convention (<see cref="TiersPayantDbContext.ConfigureConventions"/>).
    /// </summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        (provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
        }).UseSnakeCaseNamingConvention();

    /// <summary>Options for a context outside dependency injection (design time, tools, tests).</summary>
    public static DbContextOptions<TiersPayantDbContext> Options(DatabaseProvider provider, string connectionString) =>
        (DbContextOptions<TiersPayantDbContext>)new DbContextOptionsBuilder<TiersPayantDbContext>()
            .Use(provider, connectionString)
            .UseApplicationServiceProvider(IdentitySchemaServices).Options;

    /// <summary>
    /// Identity builds its tables from the schema version in <see cref="IdentityOptions"/>, read
    /// from the application's services; version 3 has passkeys. Every context, in the host or
    /// outside it, must see the same version or the model would not match the migrations.
    /// </summary>
    public static void UseIdentitySchema(IdentityOptions options) => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;

    private static readonly IServiceProvider IdentitySchemaServices =
        new ServiceCollection().Configure<IdentityOptions>(UseIdentitySchema).BuildServiceProvider();
}
