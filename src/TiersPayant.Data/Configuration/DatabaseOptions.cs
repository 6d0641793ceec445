namespace TiersPayant.Data.Configuration;

/// <summary>Which database the platform uses (configuration section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the embedded default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Applies pending migrations at start. Null means the default: yes for SQLite (the embedded
    /// default migrates itself), no for PostgreSQL (run <c>tiers migrate</c>).
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>Whether migrations run at start once the default is applied.</summary>
    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;
}

/// <summary>The supported databases.</summary>
public enum DatabaseProvider
{
    /// <summary>A file under the data folder.</summary>
    Sqlite,

    /// <summary>PostgreSQL 15 or later.</summary>
    Postgres,
}
