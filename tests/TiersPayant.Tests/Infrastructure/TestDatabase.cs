using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using TiersPayant.Data;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Protection;

namespace TiersPayant.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database of one provider with its own data folder and keys: a SQLite file in a
/// temporary folder, or a new PostgreSQL database dropped afterwards. Schemas come from the real
/// migrations (through the platform's start-up or <c>tiers migrate</c>), never EnsureCreated.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string dataDirectory, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string DataDirectory { get; }

    /// <summary>Both providers, for theories that must hold on each.</summary>
    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    /// <summary>The platform's configuration for this database, with fixed test keys.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Encryption:CurrentKeyId"] = "1",
        ["Encryption:Keys:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Encryption:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        // Outside the embedded default the token issuer's keys must be configured (every node shares them).
        ["Accounts:ApiClients:SigningKey"] = NewSigningKey(),
        ["Accounts:ApiClients:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        // Tests move the clock: the daily payment run would start in the middle of one. Payment tests run it themselves.
        ["Payments:Schedule"] = "false",
    };

    private static string NewSigningKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var data = Directory.CreateTempSubdirectory("tierspayant-test-").FullName;
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            database = new TestDatabase(provider, DatabaseProviders.DefaultSqliteConnection(data), data, null, null);
        }
        else
        {
            var admin = TestEnvironment.RequirePostgres();
            var name = $"tp_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(provider, builder.ConnectionString, data, admin, name);
        }

        database.Settings["Database:Provider"] = provider.ToString();
        database.Settings["Database:MigrateOnStart"] = "true";
        database.Settings["ConnectionStrings:Default"] = database.ConnectionString;
        database.Settings["TiersPayant:DataDirectory"] = data;
        return database;
    }

    /// <summary>A context on this database, outside any host.</summary>
    public TiersPayantDbContext OpenContext() => new(DatabaseProviders.Options(Provider, ConnectionString));

    /// <summary>The protector the platform uses with this database's keys, to read back what it stored.</summary>
    internal BeneficiaryProtector Protector()
    {
        var ring = KeyRing.Load(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        return new BeneficiaryProtector(new FieldCipher(ring), new BlindIndex(ring));
    }

    /// <summary>
    /// Moves this database's keys from configuration to a keys file (<c>Encryption:KeysFile</c>,
    /// in the data folder), as production keeps them in a mounted secret: the file
    /// <c>tiers keys rotate</c> adds keys to, which every node (server, verbs) reads.
    /// </summary>
    public string UseKeysFile()
    {
        var path = Path.Combine(DataDirectory, "secret-keys.json");
        var document = new System.Text.Json.Nodes.JsonObject
        {
            ["Encryption"] = new System.Text.Json.Nodes.JsonObject
            {
                ["CurrentKeyId"] = 1,
                ["Keys"] = new System.Text.Json.Nodes.JsonObject { ["1"] = Settings["Encryption:Keys:1"] },
                ["BlindIndexKey"] = Settings["Encryption:BlindIndexKey"],
            },
        };
        File.WriteAllText(path, document.ToJsonString());
        Settings.Remove("Encryption:CurrentKeyId");
        Settings.Remove("Encryption:Keys:1");
        Settings.Remove("Encryption:BlindIndexKey");
        Settings["Encryption:KeysFile"] = path;
        return path;
    }

    /// <summary>Every stored beneficiary, decrypted.</summary>
    public async Task<List<Domain.Members.Beneficiary>> RevealAllAsync()
    {
        await using var db = OpenContext();
        var protector = Protector();
        return [.. (await db.Beneficiaries.AsNoTracking().ToListAsync()).Select(protector.Reveal)];
    }

    /// <summary>Runs a <c>tiers</c> verb in-process against this database.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TiersPayant.Cli.TiersCli.RunAsync([.. args, "--data", DataDirectory], output, error, Settings);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finalising connection: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>What a verb printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);
