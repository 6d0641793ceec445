using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Audit;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Audit;

/// <summary>
/// The disclosure log as a Merkle tree: every disclosure gets the next position and its leaf
/// hash before its caller goes on, and <c>tiers audit verify</c> names the first record or
/// checkpoint someone with write access to the database changed, removed, moved or added.
/// </summary>
public sealed class AuditLogTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_disclosures_take_consecutive_positions_and_the_log_verifies_intact(DatabaseProvider provider)
    {
        await using var kit = await AuditKit.StartAsync(provider);
        await kit.DiscloseAsync(300);
        var first = await kit.CheckpointAsync();
        await kit.DiscloseAsync(340);
        var second = await kit.CheckpointAsync();

        await using var db = kit.Database.OpenContext();
        var positions = await db.Disclosures.OrderBy(d => d.Seq).Select(d => new { d.Seq, d.LeafHash }).ToListAsync(Cancellation);
        Assert.Equal(Enumerable.Range(0, 640).Select(i => (long)i), positions.Select(p => p.Seq));
        Assert.All(positions, p => Assert.Equal(32, p.LeafHash?.Length));
        Assert.Equal(640, (await db.AuditHeads.SingleAsync(Cancellation)).Size);
        Assert.Equal((300L, 640L), (first.Size, second.Size));
        // Two full 256-leaf subtrees stored by the checkpointer.
        Assert.Equal([0L, 1L], await db.AuditSubtrees.Where(s => s.Level == 1).OrderBy(s => s.Index).Select(s => s.Index).ToListAsync(Cancellation));

        var verified = await kit.Database.RunAsync("audit", "verify");
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.StartsWith("intact: 640 entries", verified.Output, StringComparison.Ordinal);
        Assert.Contains("checkpoints: 2 signed", verified.Output, StringComparison.Ordinal);
    }

    public static TheoryData<DatabaseProvider, string> Tampering()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var kind in new[] { "edit", "delete", "reorder", "insert", "append", "checkpoint" })
            {
                data.Add(provider, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Verify_exits_1_naming_the_first_record_or_checkpoint_that_was_tampered_with(DatabaseProvider provider, string kind)
    {
        await using var kit = await AuditKit.StartAsync(provider);
        await kit.DiscloseAsync(300, concurrency: 8);
        await kit.CheckpointAsync();
        await kit.DiscloseAsync(300, concurrency: 8);
        await kit.CheckpointAsync();
        Assert.Equal(0, (await kit.Database.RunAsync("audit", "verify")).ExitCode);

        string expected;
        switch (kind)
        {
            case "edit":
                // Hide that a name was read: the record now says only rights were.
                await kit.TamperAsync("UPDATE disclosures SET fields = 'lastName,rights' WHERE seq = 123");
                expected = "record 123 ";
                break;
            case "delete":
                await kit.TamperAsync("DELETE FROM disclosures WHERE seq = 200");
                expected = "record 200: it is missing";
                break;
            case "reorder":
                await kit.TamperAsync(
                    "UPDATE disclosures SET seq = -1 WHERE seq = 100", "UPDATE disclosures SET seq = 100 WHERE seq = 101", "UPDATE disclosures SET seq = 101 WHERE seq = -1");
                expected = "record 100 ";
                break;
            case "insert":
                // A record slipped in at 50, the ones after it moved up by one.
                await kit.TamperAsync(
                    "UPDATE disclosures SET seq = -seq - 10 WHERE seq >= 50",
                    "UPDATE disclosures SET seq = -seq - 9 WHERE seq < 0",
                    "INSERT INTO disclosures (id, seq, leaf_hash, occurred_at, actor_kind, account_id, client_id, practice_id, role, session_id, source_address, beneficiary_id, insurer_amc, fields, purpose, channel, reference) "
                        + "SELECT '0190a000-0000-7000-8000-000000000001', 50, NULL, occurred_at, actor_kind, account_id, client_id, practice_id, role, session_id, source_address, beneficiary_id, insurer_amc, fields, purpose, channel, 'IDB-FORGED' FROM disclosures WHERE seq = 49");
                expected = "record 50 ";
                break;
            case "append":
                await kit.TamperAsync(
                    "INSERT INTO disclosures (id, seq, leaf_hash, occurred_at, actor_kind, account_id, client_id, practice_id, role, session_id, source_address, beneficiary_id, insurer_amc, fields, purpose, channel, reference) "
                    + "SELECT '0190a000-0000-7000-8000-000000000002', 600, leaf_hash, occurred_at, actor_kind, account_id, client_id, practice_id, role, session_id, source_address, beneficiary_id, insurer_amc, fields, purpose, channel, 'IDB-FORGED' FROM disclosures WHERE seq = 599");
                expected = "record 600 ";
                break;
            default:
                // The first checkpoint replaced by one over other records, signed with another key.
                using (var other = NoteSigner.Create("tierspayant.localhost/disclosures"))
                {
                    var root = new byte[32];
                    var note = other.Sign(SignedNotes.Checkpoint(other.Name, 300, root)).Replace("'", "''", StringComparison.Ordinal);
                    var bytes = kit.Database.Provider == DatabaseProvider.Postgres ? "'\\x" + new string('0', 64) + "'::bytea" : "X'" + new string('0', 64) + "'";
                    await kit.TamperAsync($"UPDATE audit_checkpoints SET note = '{note}', root = {bytes} WHERE size = 300");
                }

                expected = "checkpoint at size 300: its signature does not verify";
                break;
        }

        var verified = await kit.Database.RunAsync("audit", "verify");

        Assert.Equal(1, verified.ExitCode);
        Assert.StartsWith("broken: ", verified.Output, StringComparison.Ordinal);
        Assert.Contains(expected, verified.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("intact", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_root_that_is_not_the_records_root_is_named_even_when_validly_signed()
    {
        await using var kit = await AuditKit.StartAsync(DatabaseProvider.Sqlite);
        await kit.DiscloseAsync(40, concurrency: 4);
        await kit.CheckpointAsync();
        // Rewritten with the log's own key over a root of other records: the key alone does not make a checkpoint right.
        var signer = kit.Host.Services.GetRequiredService<CheckpointSigner>();
        var note = signer.Sign(SignedNotes.Checkpoint(signer.Origin, 40, new byte[32])).Replace("'", "''", StringComparison.Ordinal);
        await kit.TamperAsync($"UPDATE audit_checkpoints SET note = '{note}', root = X'{new string('0', 64)}' WHERE size = 40");

        var verified = await kit.Database.RunAsync("audit", "verify");

        Assert.Equal(1, verified.ExitCode);
        Assert.Contains("checkpoint at size 40: its root is not the root of the first 40 records", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_to_change_a_record_a_subtree_or_a_checkpoint_or_to_move_the_head_back()
    {
        await using var kit = await AuditKit.StartAsync(DatabaseProvider.Sqlite);
        await kit.DiscloseAsync(300, concurrency: 4);
        await kit.CheckpointAsync();
        await using var db = kit.Database.OpenContext();

        foreach (var statement in new[]
        {
            "UPDATE disclosures SET fields = 'rights' WHERE seq = 1",
            "DELETE FROM disclosures WHERE seq = 1",
            "UPDATE audit_subtrees SET hash = X'00' WHERE level = 1",
            "DELETE FROM audit_subtrees",
            "UPDATE audit_checkpoints SET note = 'x'",
            "DELETE FROM audit_checkpoints",
            "UPDATE audit_heads SET size = 10",
            "UPDATE audit_heads SET purged_below = 1000",
        })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(statement, Cancellation));
        }

        Assert.Equal(0, (await kit.Database.RunAsync("audit", "verify")).ExitCode);
    }

    [Fact]
    public async Task The_verifier_key_names_the_origin_and_the_private_key_stays_in_its_file()
    {
        await using var kit = await AuditKit.StartAsync(DatabaseProvider.Sqlite);
        await kit.DiscloseAsync(5, concurrency: 1);
        var checkpoint = await kit.CheckpointAsync();

        var printed = await kit.Database.RunAsync("audit", "key");

        Assert.Equal(0, printed.ExitCode);
        var key = printed.Output.Split('\n')[0].Trim();
        Assert.StartsWith("tierspayant.localhost/disclosures+", key, StringComparison.Ordinal);
        Assert.NotNull(SignedNotes.Verify(checkpoint.Note, key));
        Assert.Contains(Path.Combine(kit.Database.DataDirectory, AuditOptions.DefaultKeyFile), printed.Output, StringComparison.Ordinal);
        await using var db = kit.Database.OpenContext();
        var secret = (await File.ReadAllTextAsync(Path.Combine(kit.Database.DataDirectory, AuditOptions.DefaultKeyFile), Cancellation)).Trim();
        Assert.DoesNotContain(await db.AuditCheckpoints.Select(c => c.Note).ToListAsync(Cancellation), n => n.Contains(secret, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(kit.Database.DataDirectory, AuditOptions.DefaultKeyFile)));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Retention_purges_whole_signed_tiles_and_the_log_still_verifies(DatabaseProvider provider)
    {
        await using var kit = await AuditKit.StartAsync(provider);
        foreach (var count in new[] { 300, 300, 50 })
        {
            await kit.DiscloseAsync(count, concurrency: 8);
            await kit.CheckpointAsync();
        }

        var cutoff = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var purged = await kit.Database.RunAsync("audit", "purge", "--before", cutoff);
        var again = await kit.Database.RunAsync("audit", "purge", "--before", cutoff);

        Assert.True(purged.ExitCode == 0, purged.Error);
        Assert.StartsWith("purged below: 512", purged.Output, StringComparison.Ordinal); // two full tiles; the last 138 records wait for theirs
        Assert.StartsWith("purged below: 512", again.Output, StringComparison.Ordinal);
        await using (var db = kit.Database.OpenContext())
        {
            Assert.Equal(512, await db.Disclosures.MinAsync(d => d.Seq, Cancellation));
            Assert.Equal(138, await db.Disclosures.CountAsync(Cancellation));
            Assert.Equal([600L, 650L], await db.AuditCheckpoints.OrderBy(c => c.Size).Select(c => c.Size).ToListAsync(Cancellation));
            // Kept records stay undeletable.
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM disclosures WHERE seq = 600", Cancellation));
        }

        var verified = await kit.Database.RunAsync("audit", "verify");
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.StartsWith("intact: 650 entries", verified.Output, StringComparison.Ordinal);
        Assert.Contains("records below 512 purged", verified.Output, StringComparison.Ordinal);

        // The purged tiles' hashes are what the remaining checkpoints stand on: changing one is seen.
        var zero = provider == DatabaseProvider.Postgres ? "'\\x" + new string('0', 64) + "'::bytea" : "X'" + new string('0', 64) + "'";
        await kit.TamperAsync($"UPDATE audit_subtrees SET hash = {zero} WHERE level = 1 AND \"index\" = 0");
        var broken = await kit.Database.RunAsync("audit", "verify");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("checkpoint at size 600: its root is not the root of the first 600 records", broken.Output, StringComparison.Ordinal);
    }
}
