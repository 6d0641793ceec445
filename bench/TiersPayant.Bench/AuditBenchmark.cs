using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TiersPayant.Cli;
using TiersPayant.Data;
using TiersPayant.Hosting;
using TiersPayant.Security.Audit;

namespace TiersPayant.Bench;

/// <summary>
/// The disclosure log's cost, in one run on one host. Appends: <c>--callers</c> concurrent
/// callers each record one disclosure at a time and wait until it is durable, as the guarded path
/// does per rights check; through the Merkle log (group commit, positions from the log's head,
/// RFC 6962 leaf hash of the entry) against the same records inserted plainly into a second
/// database of the same schema, each in its own transaction (what a log without a tree does), and
/// by one writer in transactions of <c>--callers</c> records (about the group commit's batches,
/// without the tree: the upper bound). Verification: <c>tiers audit verify</c>'s walk over the whole log against raw SHA-256
/// over the same entries' bytes, in memory. SQLite by default; <c>--postgres CS</c> runs on two
/// fresh PostgreSQL databases, created and dropped for the run.
/// </summary>
/// <remarks>
/// The appender is internal: a disclosure record is written by the guarded path only. The
/// benchmark reaches <see cref="DisclosureLog"/>'s internal methods by reflection, here and
/// nowhere in the product, and writes records of people it seeded itself.
/// </remarks>
internal static class AuditBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var records = Option(args, "--records", 10_000);
        var callers = Option(args, "--callers", 64);
        var postgres = Text(args, "--postgres");
        var merkle = await BenchDatabase.CreateAsync("merkle", postgres);
        var plain = await BenchDatabase.CreateAsync("plain", postgres);
        try
        {
            var clock = Stopwatch.StartNew();
            await using var merkleApp = await merkle.OpenAsync();
            await using var plainApp = await plain.OpenAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(postgres is null ? "SQLite" : "PostgreSQL")}: two databases seeded, opened in {clock.Elapsed.TotalSeconds:F1} s; {records:N0} disclosure records, {callers} callers; {Environment.ProcessorCount} cores"));

            // Warm-up on both, then the measured runs.
            await AppendAsync(merkleApp, Math.Min(500, records), callers, Merkle);
            await AppendAsync(plainApp, Math.Min(500, records), callers, PlainOne);
            var tree = await AppendAsync(merkleApp, records, callers, Merkle);
            var one = await AppendAsync(plainApp, records, callers, PlainOne);
            var batched = await AppendAsync(plainApp, records, 1, PlainBatchAsync, batch: callers);
            Console.WriteLine("appends (durable)                          | records/s | p50 ms | p99 ms");
            Console.WriteLine(Row("Merkle log (group commit)", tree));
            Console.WriteLine(Row("plain insert, one per transaction", one));
            Console.WriteLine(Row($"plain insert, {callers} per transaction, 1 writer", batched));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Merkle / plain one per transaction: {tree.Rate / one.Rate:F2} (aim >= 0.5); Merkle / plain batched: {tree.Rate / batched.Rate:F2}"));

            // Verification against raw SHA-256 over the same entries.
            var log = merkleApp.Services.GetRequiredService<MerkleLog>();
            var checkpoint = await log.CheckpointAsync(CancellationToken.None);
            clock.Restart();
            var verification = await merkleApp.Services.GetRequiredService<AuditVerifier>().VerifyAsync(null, CancellationToken.None);
            var verifying = clock.Elapsed;
            if (!verification.Intact)
            {
                throw new InvalidOperationException("the benchmark's log does not verify: " + verification);
            }

            var entries = await EntriesAsync(log, checkpoint.Size);
            var hashing = RawSha256(entries);
            var bytes = entries.Sum(e => (long)e.Length);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"verification: {verification.Entries:N0} entries in {verifying.TotalSeconds:F2} s ({verification.Entries / verifying.TotalSeconds:N0}/s, from the database); raw SHA-256 over the same {entries.Count:N0} entries ({bytes / (double)entries.Count:F0} bytes each) in memory: {entries.Count / hashing.TotalSeconds:N0}/s; ratio {verification.Entries / verifying.TotalSeconds / (entries.Count / hashing.TotalSeconds):F3}"));
            return 0;
        }
        finally
        {
            await merkle.DisposeAsync();
            await plain.DisposeAsync();
        }
    }

    private delegate Task Writer(Platform app, IReadOnlyList<object> batch, CancellationToken cancellation);

    private static Task Merkle(Platform app, IReadOnlyList<object> batch, CancellationToken cancellation) => app.RecordAsync(batch, cancellation);

    private static Task PlainOne(Platform app, IReadOnlyList<object> batch, CancellationToken cancellation) => PlainBatchAsync(app, batch, cancellation);

    private static async Task PlainBatchAsync(Platform app, IReadOnlyList<object> batch, CancellationToken cancellation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        foreach (var record in batch)
        {
            app.Number(record);
            db.Add(record);
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }

    /// <summary><paramref name="count"/> records by <paramref name="callers"/> callers, each writing <paramref name="batch"/> at a time and waiting.</summary>
    private static async Task<Run> AppendAsync(Platform app, int count, int callers, Writer write, int batch = 1)
    {
        var latencies = new double[(count + batch - 1) / batch];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < latencies.Length; i = Interlocked.Increment(ref next))
            {
                var group = Enumerable.Range(i * batch, Math.Min(batch, count - (i * batch))).Select(app.Entry).ToList();
                var started = Stopwatch.GetTimestamp();
                await write(app, group, CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        return new Run(count / elapsed.TotalSeconds, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
    }

    private static async Task<List<byte[]>> EntriesAsync(MerkleLog log, long size)
    {
        var entries = new List<byte[]>((int)size);
        for (long tile = 0; tile * MerkleLog.TileWidth < size; tile++)
        {
            var width = (int)Math.Min(MerkleLog.TileWidth, size - (tile * MerkleLog.TileWidth));
            var bundle = await log.EntryBundleAsync(tile, width, CancellationToken.None)
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"entry bundle {tile} is missing"));
            for (var at = 0; at < bundle.Length;)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
                entries.Add(bundle.AsSpan(at + 2, length).ToArray());
                at += 2 + length;
            }
        }

        return entries;
    }

    /// <summary>The best of five passes of SHA-256 over every entry.</summary>
    private static TimeSpan RawSha256(List<byte[]> entries)
    {
        Span<byte> hash = stackalloc byte[32];
        var best = TimeSpan.MaxValue;
        for (var pass = 0; pass < 5; pass++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var entry in entries)
            {
                SHA256.HashData(entry, hash);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }

    private static string Row(string name, Run run) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-42} | {run.Rate,9:N0} | {run.P50,6:F1} | {run.P99,6:F1}");

    private sealed record Run(double Rate, double P50, double P99);

    /// <summary>A database for the run: a fresh SQLite folder or PostgreSQL database, migrated and seeded with a few people.</summary>
    private sealed class BenchDatabase : IAsyncDisposable
    {
        private readonly string? _admin;
        private readonly string? _name;

        private BenchDatabase(DirectoryInfo data, string? admin, string? name, Dictionary<string, string?> settings) =>
            (Data, _admin, _name, Settings) = (data, admin, name, settings);

        public DirectoryInfo Data { get; }

        public Dictionary<string, string?> Settings { get; }

        public static async Task<BenchDatabase> CreateAsync(string label, string? postgres)
        {
            var data = Directory.CreateTempSubdirectory($"tierspayant-audit-{label}-");
            var settings = new Dictionary<string, string?> { ["Demo:SeedOnFirstStart"] = "false", ["Logging:LogLevel:Default"] = "Warning" };
            string? name = null;
            if (postgres is not null)
            {
                name = $"tp_bench_{label}_{Guid.NewGuid():N}";
                await ExecuteAsync(postgres, $"CREATE DATABASE {name}");
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

            if (await TiersCli.RunAsync(["seed", "--beneficiaries", "1000", "--practices", "2", "--data", data.FullName], TextWriter.Null, Console.Error, settings) != 0)
            {
                throw new InvalidOperationException($"seeding the {label} database failed");
            }

            return database;
        }

        public async Task<Platform> OpenAsync()
        {
            var app = TiersPayantHost.Build([.. Settings.Select(s => $"--{s.Key}={s.Value}"), "--urls=http://127.0.0.1:0", "--environment=Production"], Data);
            var people = new List<(Guid Id, string Insurer)>();
            long last;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var connection = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>().Database.GetDbConnection();
                await connection.OpenAsync();
                await using (var highest = connection.CreateCommand())
                {
                    highest.CommandText = "SELECT COALESCE(MAX(seq), -1) FROM disclosures";
                    last = Convert.ToInt64(await highest.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                }

                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT id, insurer_amc FROM beneficiaries";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    people.Add((Guid.Parse(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!), reader.GetString(1)));
                }
            }

            return new Platform(app, people, last);
        }

        public async ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (_admin is not null)
            {
                await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
            }

            Data.Delete(recursive: true);
        }
    }

    /// <summary>The platform's services, and the internal doors of the disclosure log reached by reflection.</summary>
    private sealed class Platform(Microsoft.AspNetCore.Builder.WebApplication app, List<(Guid Id, string Insurer)> people, long last) : IAsyncDisposable
    {
        private static readonly Type ReaderType = typeof(DisclosureLog).Assembly.GetType("TiersPayant.Security.Guard.Reader", throwOnError: true)!;
        private static readonly MethodInfo EntryMethod = typeof(DisclosureLog).GetMethod("Entry", BindingFlags.Instance | BindingFlags.NonPublic)!;
        private static readonly MethodInfo RecordAllMethod = typeof(DisclosureLog).GetMethod("RecordAllAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;

        private readonly object _reader = Activator.CreateInstance(ReaderType, "client", null, "tp-bench", Guid.CreateVersion7(), null, "192.0.2.10", "api", null, "pharmacien")!;
        private readonly DisclosureLog _log = app.Services.CreateScope().ServiceProvider.GetRequiredService<DisclosureLog>();
        private long _seq = last;

        public IServiceProvider Services => app.Services;

        /// <summary>The disclosure record of a rights check of person <paramref name="i"/>.</summary>
        public object Entry(int i)
        {
            var (id, insurer) = people[i % people.Count];
            return EntryMethod.Invoke(_log, [_reader, id, insurer, (IReadOnlyCollection<string>)[DisclosedFields.Rights], "eligibility", "IDB-BENCH-" + i.ToString(CultureInfo.InvariantCulture)])!;
        }

        /// <summary>Through the Merkle log, returning once durable.</summary>
        public Task RecordAsync(IReadOnlyList<object> records, CancellationToken cancellation)
        {
            var typed = Array.CreateInstance(EntryMethod.ReturnType, records.Count);
            for (var i = 0; i < records.Count; i++)
            {
                typed.SetValue(records[i], i);
            }

            return (Task)RecordAllMethod.Invoke(_log, [typed, cancellation])!;
        }

        /// <summary>A position of its own, for a plain insert (the unique index on it stays).</summary>
        public void Number(object record) => record.GetType().GetProperty("Seq")!.SetValue(record, Interlocked.Increment(ref _seq));

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
