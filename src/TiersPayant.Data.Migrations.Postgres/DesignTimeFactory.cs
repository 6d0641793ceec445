using Microsoft.EntityFrameworkCore.Design;
using TiersPayant.Data.Configuration;

namespace TiersPayant.Data.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for Postgres without a running database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TiersPayantDbContext>
{
    public TiersPayantDbContext CreateDbContext(string[] args) =>
        new(DatabaseProviders.Options(DatabaseProvider.Postgres, "Host=localhost;Database=tierspayant;Username=tierspayant"));
}
