using Microsoft.EntityFrameworkCore.Design;
using TiersPayant.Data.Configuration;

namespace TiersPayant.Data.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for Sqlite without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TiersPayantDbContext>
{
    public TiersPayantDbContext CreateDbContext(string[] args) =>
        new(DatabaseProviders.Options(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
