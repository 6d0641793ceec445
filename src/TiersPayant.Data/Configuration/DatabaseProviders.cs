using Microsoft.EntityFrameworkCore;

namespace TiersPayant.Data.Configuration;

/// <summary>Points a context at SQLite or PostgreSQL, each with its own migrations assembly.</summary>
public static class DatabaseProviders
{
    public const string SqliteMigrationsAssembly = "TiersPayant.Data.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "TiersPayant.Data.Migrations.Postgres";

    /// <summary>The connection string of the embedded default.</summary>
    public static string DefaultSqliteConnection(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, "tierspayant.db")}";

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
        };

    /// <summary>Options for a context outside dependency injection (design time, tools, tests).</summary>
    public static DbContextOptions<TiersPayantDbContext> Options(DatabaseProvider provider, string connectionString) =>
        (DbContextOptions<TiersPayantDbContext>)new DbContextOptionsBuilder<TiersPayantDbContext>()
            .Use(provider, connectionString).Options;
}
