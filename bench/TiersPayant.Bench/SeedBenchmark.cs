using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using TiersPayant.Cli;

namespace TiersPayant.Bench;

/// <summary>
/// Seeds N beneficiaries into a fresh SQLite database through <c>tiers seed</c>, and in the same
/// process inserts N rows of the same shape and size (random bytes, no encryption, no index, one
/// prepared statement, one transaction) as the baseline of what the disk and SQLite cost alone.
/// The machines are noisy: the ratio is the figure to compare between runs.
/// </summary>
internal static class SeedBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args is ["--beneficiaries", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
        var root = Directory.CreateTempSubdirectory("tierspayant-bench-");
        try
        {
            var baseline = Baseline(Path.Combine(root.FullName, "baseline.db"), count);
            var data = Path.Combine(root.FullName, "seed");
            var clock = Stopwatch.StartNew();
            var code = await TiersCli.RunAsync(["seed", "--beneficiaries", count.ToString(CultureInfo.InvariantCulture), "--data", data]);
            var seed = clock.Elapsed;
            if (code != 0)
            {
                return code;
            }

            var size = new FileInfo(Path.Combine(data, "tierspayant.db")).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {count:N0} beneficiaries: {seed.TotalSeconds:F1} s ({count / seed.TotalSeconds:N0}/s), database {size / 1_048_576.0:F0} MiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"baseline plain insert of {count:N0} rows: {baseline.TotalSeconds:F1} s ({count / baseline.TotalSeconds:N0}/s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio seed/baseline: {seed / baseline:F2}"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            root.Delete(recursive: true);
        }
    }

    // Same columns and sizes as the beneficiaries table: three 32-byte indexes, a 48-byte NIR
    // blob, a ~120-byte identity blob, and the plain columns.
    private static TimeSpan Baseline(string path, int count)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE rows (id TEXT PRIMARY KEY, insurer TEXT, a BLOB, b BLOB, c BLOB, nir BLOB, identity BLOB, rank INTEGER, rel TEXT, contract TEXT, f TEXT, t TEXT)";
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO rows VALUES ($id, $insurer, $a, $b, $c, $nir, $identity, $rank, $rel, $contract, $f, $t)";
        var names = new[] { "$id", "$insurer", "$a", "$b", "$c", "$nir", "$identity", "$rank", "$rel", "$contract", "$f", "$t" };
        var parameters = names.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        insert.Prepare();
        for (var i = 0; i < count; i++)
        {
            parameters[0].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            parameters[1].Value = "775000012";
            parameters[2].Value = RandomNumberGenerator.GetBytes(32);
            parameters[3].Value = RandomNumberGenerator.GetBytes(32);
            parameters[4].Value = RandomNumberGenerator.GetBytes(32);
            parameters[5].Value = RandomNumberGenerator.GetBytes(48);
            parameters[6].Value = RandomNumberGenerator.GetBytes(120);
            parameters[7].Value = 1;
            parameters[8].Value = "holder";
            parameters[9].Value = "ESSENTIEL";
            parameters[10].Value = "2024-01-01";
            parameters[11].Value = DBNull.Value;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return clock.Elapsed;
    }
}
