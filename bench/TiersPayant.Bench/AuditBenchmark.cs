using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
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
/// benchmark writes through <see cref="DisclosureLogProbe"/>, the guarded path's door for it,
/// which refuses any database whose log holds real records.
/// </remarks>
internal static class AuditBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var records = BenchArgs.Option(args, "--records", 10_000);
        var callers = BenchArgs.Option(args, "--callers", 64);
        var postgres = BenchArgs.Text(args, "--postgres");
        var figures = await MeasureAsync(postgres, records, callers, Console.Out);
        Console.WriteLine("appends (durable)                          | records/s | p50 ms | p99 ms");
        Console.WriteLine(Row("Merkle log (group commit)", figures.Tree));
        Console.WriteLine(Row("plain insert, one per transaction", figures.One));
        Console.WriteLine(Row($"plain insert, {callers} per transaction, 1 writer", figures.Batched));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Merkle / plain one per transaction: {figures.Tree.PerSecond / figures.One.PerSecond:F2} (aim >= 0.5); Merkle / plain batched: {figures.Tree.PerSecond / figures.Batched.PerSecond:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verification: {figures.Verified:N0} entries at {figures.VerifiedPerSecond:N0}/s (from the database); raw SHA-256 over the same entries ({figures.EntryBytes:F0} bytes each) in memory: {figures.HashedPerSecond:N0}/s; ratio {figures.VerifiedPerSecond / figures.HashedPerSecond:F3}"));
        return 0;
    }

    /// <summary>The appends and the verification, on two fresh databases created and dropped here.</summary>
    public static async Task<AuditFigures> MeasureAsync(string? postgres, int records, int callers, TextWriter progress)
    {
        var merkle = await BenchDatabase.CreateAsync("merkle", postgres);
        var plain = await BenchDatabase.CreateAsync("plain", postgres);
        try
        {
            var clock = Stopwatch.StartNew();
            await using var merkleApp = await merkle.OpenAsync();
            await using var plainApp = await plain.OpenAsync();
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(postgres is null ? "SQLite" : "PostgreSQL")}: two databases seeded, opened in {clock.Elapsed.TotalSeconds:F1} s; {records:N0} disclosure records, {callers} callers; {Environment.ProcessorCount} cores"));

            // Warm-up on both, then the measured runs.
            await DisclosureLogProbe.AppendAsync(merkleApp.Services, ProbeWrite.MerkleLog, Math.Min(500, records), callers);
            await DisclosureLogProbe.AppendAsync(plainApp.Services, ProbeWrite.PlainEach, Math.Min(500, records), callers);
            var tree = await DisclosureLogProbe.AppendAsync(merkleApp.Services, ProbeWrite.MerkleLog, records, callers);
            var one = await DisclosureLogProbe.AppendAsync(plainApp.Services, ProbeWrite.PlainEach, records, callers);
            var batched = await DisclosureLogProbe.AppendAsync(plainApp.Services, ProbeWrite.PlainGrouped, records, 1, group: callers);

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
            return new AuditFigures(tree, one, batched, verification.Entries, verification.Entries / verifying.TotalSeconds,
                entries.Count / hashing.TotalSeconds, entries.Sum(e => (long)e.Length) / (double)entries.Count);
        }
        finally
        {
            await merkle.DisposeAsync();
            await plain.DisposeAsync();
        }
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

    private static string Row(string name, ProbeFigures run) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-42} | {run.PerSecond,9:N0} | {run.P50Milliseconds,6:F1} | {run.P99Milliseconds,6:F1}");
}

/// <summary>What <see cref="AuditBenchmark.MeasureAsync"/> measured.</summary>
internal sealed record AuditFigures(
    ProbeFigures Tree, ProbeFigures One, ProbeFigures Batched, long Verified, double VerifiedPerSecond, double HashedPerSecond, double EntryBytes);
