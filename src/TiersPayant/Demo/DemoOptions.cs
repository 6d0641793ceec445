using System.ComponentModel.DataAnnotations;
using TiersPayant.Data.Configuration;

namespace TiersPayant.Demo;

/// <summary>The demo seeded on first start (configuration section <c>Demo</c>).</summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed an empty database at start. Null: yes on the embedded SQLite default, no on PostgreSQL.</summary>
    public bool? SeedOnFirstStart { get; set; }

    [Range(1, 10_000_000)]
    public int Beneficiaries { get; set; } = 10_000;

    [Range(8, 80_000)]
    public int Practices { get; set; } = 16;

    public int Seed { get; set; } = 1;

    public bool ShouldSeedOnFirstStart(DatabaseProvider provider) => SeedOnFirstStart ?? provider == DatabaseProvider.Sqlite;
}
