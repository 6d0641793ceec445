using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TiersPayant.Data.Protection;

namespace TiersPayant.Data.Configuration;

/// <summary>Registers storage and field protection.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database (provider from <c>Database:Provider</c>, connection from
    /// <c>ConnectionStrings:Default</c>, SQLite under <paramref name="dataDirectory"/> by
    /// default) and the keys of section <c>Encryption</c>.
    /// </summary>
    public static IServiceCollection AddTiersPayantData(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddOptions<EncryptionOptions>().Bind(configuration.GetSection(EncryptionOptions.Section))
            .Validate(o => o.Keys.Count > 0, "Encryption:Keys must hold at least one key.")
            .Validate(o => o.Keys.ContainsKey(o.CurrentKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Encryption:CurrentKeyId must name one of Encryption:Keys.")
            .Validate(o => !string.IsNullOrEmpty(o.BlindIndexKey), "Encryption:BlindIndexKey is required.")
            .ValidateOnStart();

        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var connection = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException("ConnectionStrings:Default is required when Database:Provider is Postgres.");
            }

            Directory.CreateDirectory(dataDirectory);
            connection = DatabaseProviders.DefaultSqliteConnection(dataDirectory);
        }

        services.AddDbContext<TiersPayantDbContext>(o => o.Use(provider, connection));
        services.AddSingleton(sp => KeyRing.From(sp.GetRequiredService<IOptions<EncryptionOptions>>().Value));
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<BeneficiaryProtector>();
        return services;
    }

    /// <summary>
    /// Adds the keys file of the embedded default to <paramref name="configuration"/>, generating
    /// it when no keys are configured. Returns true when generated keys are in use.
    /// </summary>
    public static bool AddGeneratedKeysIfMissing(this IConfigurationManager configuration, string dataDirectory)
    {
        if (configuration.GetSection(EncryptionOptions.Section).GetSection("Keys").GetChildren().Any())
        {
            return false;
        }

        var path = KeyFile.EnsureExists(dataDirectory);
        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        return true;
    }

    /// <summary>Applies pending migrations.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellation = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        await db.Database.MigrateAsync(cancellation);
    }
}
