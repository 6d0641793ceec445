using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using TiersPayant.Cli;
using TiersPayant.Hosting;

namespace TiersPayant.Bench;

/// <summary>A database for the run: a fresh SQLite folder or PostgreSQL database, migrated and seeded with a few people.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _admin;
    private readonly string? _name;

    private BenchDatabase(DirectoryInfo data, string? admin, string? name, Dictionary<string, string?> settings) =>
        (Data, _admin, _name, Settings) = (data, admin, name, settings);

    public DirectoryInfo Data { get; }

    public Dictionary<string, string?> Settings { get; }

    public static async Task<BenchDatabase> CreateAsync(string label, string? postgres, int beneficiaries = 1000, int practices = 2)
    {
        var data = Directory.CreateTempSubdirectory($"tierspayant-bench-{label}-");
        var settings = new Dictionary<string, string?> { ["Demo:SeedOnFirstStart"] = "false", ["Logging:LogLevel:Default"] = "Warning" };
        string? name = null;
        if (postgres is not null)
        {
            name = $"tp_bench_{label}_{Guid.NewGuid():N}";
            await Execute(postgres, $"CREATE DATABASE {name}");
            settings["Database:Provider"] = "Postgres";
            settings["Database:MigrateOnStart"] = "false";
            settings["ConnectionStrings:Default"] = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
            settings["Encryption:CurrentKeyId"] = "1";
            settings["Encryption:Keys:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            settings["Encryption:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            settings["Accounts:ApiClients:SigningKey"] = signing.ExportPkcs8PrivateKeyPem();
            settings["Accounts:ApiClients:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        var database = new BenchDatabase(data, postgres, name, settings);
        if (await TiersCli.RunAsync(["migrate", "--data", data.FullName], TextWriter.Null, Console.Error, settings) != 0)
        {
            throw new InvalidOperationException($"migrating the {label} database failed");
        }

        if (await TiersCli.RunAsync(["seed", "--beneficiaries", beneficiaries.ToString(CultureInfo.InvariantCulture), "--practices", practices.ToString(CultureInfo.InvariantCulture), "--data", data.FullName], TextWriter.Null, Console.Error, settings) != 0)
        {
            throw new InvalidOperationException($"seeding the {label} database failed");
        }

        return database;
    }

    public Task<Microsoft.AspNetCore.Builder.WebApplication> OpenAsync() =>
        Task.FromResult(TiersPayantHost.Build([.. Settings.Select(s => $"--{s.Key}={s.Value}"), "--urls=http://127.0.0.1:0", "--environment=Production"], Data));

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_admin is not null)
        {
            await Execute(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }

        Data.Delete(recursive: true);
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
