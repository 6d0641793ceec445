using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TiersPayant.Data.Protection;

namespace TiersPayant.Data.Configuration;

/// <summary>Registers storage and field protection.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>Configuration key of the data folder (SQLite file, generated keys, demo credentials).</summary>
    public const string DataDirectoryKey = "TiersPayant:DataDirectory";

    /// <summary>
    /// The database (provider from <c>Database:Provider</c>, connection from
    /// <c>ConnectionStrings:Default</c>, SQLite in the data folder by default) and the keys of
    /// section <c>Encryption</c> (generated into the data folder when none are configured).
    /// Configuration is read when first needed, so hosts and tests may still change it.
    /// </summary>
    public static IServiceCollection AddTiersPayantData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.Configure<IdentityOptions>(DatabaseProviders.UseIdentitySchema);
        services.AddDbContext<TiersPayantDbContext>((sp, o) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var provider = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            o.Use(provider, ConnectionString(configuration, provider));
        });
        services.AddSingleton(sp => KeyRing.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<BeneficiaryProtector>();
        services.AddSingleton(sp => new Agreements.AgreementDocuments(sp.GetRequiredService<FieldCipher>()));
        services.AddSingleton(sp => new Claims.ClaimBatchUploads(sp.GetRequiredService<FieldCipher>()));
        services.AddSingleton(sp => new FieldKeyRotation(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<KeyRing>(), sp.GetRequiredService<FieldCipher>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<FieldKeyRotation>>()));
        services.AddSingleton(sp => new FieldProtectionStatus(
            sp.GetRequiredService<KeyRing>().Generated,
            sp.GetRequiredService<KeyRing>().Generated ? Path.Combine(sp.GetRequiredService<IConfiguration>().DataDirectory(), KeyFile.FileName) : null));
        return services;
    }

    /// <summary>The data folder: <c>TiersPayant:DataDirectory</c>, else <c>data/</c> under the working directory.</summary>
    public static string DataDirectory(this IConfiguration configuration) =>
        Path.GetFullPath(configuration[DataDirectoryKey] is { Length: > 0 } configured ? configured : "data");

    private static string ConnectionString(IConfiguration configuration, DatabaseProvider provider)
    {
        var connection = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return connection;
        }

        if (provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("ConnectionStrings:Default is required when Database:Provider is Postgres.");
        }

        var data = configuration.DataDirectory();
        Directory.CreateDirectory(data);
        return DatabaseProviders.DefaultSqliteConnection(data);
    }

    /// <summary>Applies pending migrations.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellation = default)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.MigrationContext();
        await db.Database.MigrateAsync(cancellation);
    }

    /// <summary>A context of the configured database for applying migrations (<see cref="DatabaseProviders.ForMigrations"/>); the caller disposes it.</summary>
    public static TiersPayantDbContext MigrationContext(this IServiceProvider services) =>
        new(services.GetRequiredService<DbContextOptions<TiersPayantDbContext>>().ForMigrations());
}
