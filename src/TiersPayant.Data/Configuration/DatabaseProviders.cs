using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    /// The same options, for a unit of work that expects to lose a race on a unique key now and
    /// then (two nodes or requests creating the same row) and handles it: EF Core's own lines for
    /// that failed command are written at Debug, not Error, so an operator's error log holds real
    /// failures only. Any failure still reaches the caller as an exception.
    /// </summary>
    public static DbContextOptions<TiersPayantDbContext> ExpectingConflicts(this DbContextOptions<TiersPayantDbContext> options) =>
        new DbContextOptionsBuilder<TiersPayantDbContext>(options)
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)))
            .Options;

    /// <summary>
    /// The same options, for applying migrations. On a fresh PostgreSQL database the provider reads
    /// the migrations' history table before it exists and handles the "no such table" error itself
    /// (npgsql/efcore.pg#3407), but EF Core has already logged that read as a failed command at
    /// Error: an operator's first start would show two alarming lines for nothing. Failed commands
    /// are logged at Debug here; a migration that fails still throws, and its caller reports it.
    /// </summary>
    public static DbContextOptions<TiersPayantDbContext> ForMigrations(this DbContextOptions<TiersPayantDbContext> options) =>
        new DbContextOptionsBuilder<TiersPayantDbContext>(options)
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug)))
            .Options;

    /// <summary>
    /// Identity builds its tables from the schema version in <see cref="IdentityOptions"/>, read
    /// from the application's services; version 3 has passkeys. Every context, in the host or
    /// outside it, must see the same version or the model would not match the migrations.
    /// </summary>
    public static void UseIdentitySchema(IdentityOptions options) => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;

    private static readonly IServiceProvider IdentitySchemaServices =
        new ServiceCollection().Configure<IdentityOptions>(UseIdentitySchema).BuildServiceProvider();
}
