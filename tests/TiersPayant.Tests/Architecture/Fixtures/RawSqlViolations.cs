using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace TiersPayant.Tests.Architecture.Fixtures;

// Deliberate violations for ArchitectureTests: never used by product code, never called by a test.

/// <summary>Runs raw SQL through EF Core outside the migrations.</summary>
internal static class RunsRawSql
{
    internal static Task<int> PurgeAsync(DbContext context, CancellationToken cancellation) =>
        context.Database.ExecuteSqlRawAsync("DELETE FROM beneficiaries", cancellation);
}

/// <summary>Runs raw SQL through ADO.NET outside the migrations.</summary>
internal static class SetsACommandText
{
    internal static void Prepare(DbCommand command) => command.CommandText = "DELETE FROM beneficiaries";
}

/// <summary>
/// Not a violation: applying the migrations lives in the same EF Core class as the raw SQL
/// methods, and the rule must tell them apart.
/// </summary>
internal static class OnlyMigrates
{
    internal static Task UpgradeAsync(DbContext context, CancellationToken cancellation) => context.Database.MigrateAsync(cancellation);
}
