using System.CommandLine;
using System.Globalization;
using TiersPayant.Audit;
using TiersPayant.Security.Audit;

namespace TiersPayant.Cli;

/// <summary>
/// <c>tiers audit key | verify | checkpoint | export DIR</c>: the disclosure log's Merkle tree,
/// for operators and auditors.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("audit", "The disclosure log: a Merkle tree (RFC 6962) with signed checkpoints (C2SP), that anyone holding the verifier key can check only grew.")
        {
            Key(output), Verify(output, error), Checkpoint(output), Export(output), Purge(output),
        };

    private static Command Key(TextWriter output)
    {
        var data = CommonOptions.Data();
        var command = new Command("key", "Prints the verifier key of the log's checkpoints (NAME+HASH+KEY, C2SP signed-note), to give auditors and witnesses; and where the private key is kept.") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var signer = services.GetRequiredService<CheckpointSigner>();
            await output.WriteLineAsync(signer.VerifierKey);
            await output.WriteLineAsync($"private key: {signer.KeyFile}");
            return 0;
        }, cancellation));
        return command;
    }

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var command = new Command("verify", "Recomputes the tree from the stored records and checks every record against its leaf hash, every stored subtree, every checkpoint's signature and root. Prints 'intact: N entries' (exit 0) or the first record or checkpoint that does not match (exit 1).") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync(null, cancellation);
            if (!result.Intact)
            {
                await output.WriteLineAsync(result.ToString());
                await error.WriteLineAsync("tiers: the disclosure log does not match what was written and signed");
                return TiersCli.Problem;
            }

            await output.WriteLineAsync(result.ToString());
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"checkpoints: {result.Checkpoints} signed, each the root of the records before it{(result.PurgedBelow > 0 ? $"; records below {result.PurgedBelow} purged, their subtree hashes kept" : string.Empty)}"));
            return 0;
        }, cancellation));
        return command;
    }

    private static Command Checkpoint(TextWriter output)
    {
        var data = CommonOptions.Data();
        var command = new Command("checkpoint", "Signs a checkpoint of the log now, if it grew (a running server does it every minute), and prints it.") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            await output.WriteAsync((await services.GetRequiredService<MerkleLog>().CheckpointAsync(cancellation)).Note);
            return 0;
        }, cancellation));
        return command;
    }

    private static Command Export(TextWriter output)
    {
        var data = CommonOptions.Data();
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Where to write the C2SP tlog-tiles layout (checkpoint, tile/…): serve it from any static web server." };
        var command = new Command("export", "Writes the log as of its latest checkpoint in the C2SP tlog-tiles layout: the checkpoint, every hash tile and entry bundle (full tiles, and the partial ones of the checkpoint's size).") { data, directory };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var log = services.GetRequiredService<MerkleLog>();
            var target = parse.GetValue(directory)!;
            var checkpoint = await log.CheckpointAsync(cancellation);
            var written = 0;
            for (var level = 0; checkpoint.Size >> (8 * level) > 0; level++)
            {
                var entries = checkpoint.Size >> (8 * level);
                for (var index = 0L; index * MerkleLog.TileWidth < entries; index++)
                {
                    var width = (int)Math.Min(MerkleLog.TileWidth, entries - (index * MerkleLog.TileWidth));
                    if (await log.TileAsync(level, index, width, cancellation) is { } tile)
                    {
                        await WriteAsync(target, TilePath.Format(level, index, width), tile, cancellation);
                        written++;
                    }

                    if (level == 0 && await log.EntryBundleAsync(index, width, cancellation) is { } bundle)
                    {
                        await WriteAsync(target, TilePath.Format(TilePath.Entries, index, width), bundle, cancellation);
                        written++;
                    }
                }
            }

            Directory.CreateDirectory(target.FullName);
            await File.WriteAllTextAsync(Path.Combine(target.FullName, "checkpoint"), checkpoint.Note, cancellation);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"exported: {checkpoint.Size} entries, {written} tiles, to {target.FullName}"));
            return 0;
        }, cancellation));
        return command;
    }

    private static Command Purge(TextWriter output)
    {
        var data = CommonOptions.Data();
        var before = new Option<DateTimeOffset?>("--before") { Description = "Purge records written before this instant (ISO 8601); default: now minus Audit:Retention (one year)." };
        var command = new Command("purge", "Retention: deletes the records older than the retention, only as a whole signed range from the start of the log ending on a full 256-record tile; the tree's hashes stay, so 'audit verify' still holds. A running server does it every hour.") { data, before };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var cutoff = parse.GetValue(before) ?? services.GetRequiredService<TimeProvider>().GetUtcNow() - services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.Retention;
            var point = await services.GetRequiredService<MerkleLog>().PurgeAsync(cutoff.UtcDateTime, cancellation);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"purged below: {point} (records written before {cutoff:O} and covered by a checkpoint)"));
            return 0;
        }, cancellation));
        return command;
    }

    private static async Task WriteAsync(DirectoryInfo root, string tilePath, byte[] content, CancellationToken cancellation)
    {
        var path = Path.Combine(root.FullName, "tile", tilePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellation);
    }
}
