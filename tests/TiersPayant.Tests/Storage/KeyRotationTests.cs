using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Protection;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.Members.MemberFiles;

namespace TiersPayant.Tests.Storage;

public sealed class KeyRotationTests
{
    private const string Insurer = "775000012"; // Mutuelle des Tilleuls in the demo catalogue

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rotating_twice_on_a_live_platform_reencrypts_everything_while_reads_and_writes_go_on(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartWithKeysFileAsync(provider, ("Guard:Detection:Enabled", "false"));
        var token = await kit.TokenAsync();
        var cards = kit.Cards().Where(c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "pharmacie")).Take(5).ToList();
        Assert.NotEmpty(cards);

        // The platform serves rights checks (reads) and an insurer's system imports its members
        // (writes, from another process's key ring) for as long as both rotations take.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var reads = new List<HttpStatusCode>();
        var writes = new List<int>();
        var readers = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await kit.CheckAsync(token, EligibilityKit.Body(cards[i % cards.Count], domains: ["pharmacie"]));
                lock (reads)
                {
                    reads.Add(response.StatusCode);
                }
            }
        }, Cancellation);
        var writers = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var file = Write(kit.Database.DataDirectory, [Header, .. Family(string.Create(CultureInfo.InvariantCulture, $"R{i:D5}"))], name: $"rotation-{i}.csv");
                var imported = await kit.Database.RunAsync("import", "members", file, "--insurer", Insurer);
                Assert.True(imported.ExitCode == 0, imported.Error);
                lock (writes)
                {
                    writes.Add(imported.ExitCode);
                }
            }
        }, Cancellation);
        await WaitForAsync(() => reads.Count > 0 && writes.Count > 0);

        var first = await kit.Database.RunAsync("keys", "rotate");
        var second = await kit.Database.RunAsync("keys", "rotate");
        var written = writes.Count;
        await WaitForAsync(() => writes.Count > written + 1); // imports begun after both rotations, under key 3
        await stop.CancelAsync();
        await Task.WhenAll(readers, writers);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("key 2 added", first.Output, StringComparison.Ordinal);
        Assert.Contains("key 3 added", second.Output, StringComparison.Ordinal);
        Assert.Contains("re-encryption under key 3: done", second.Output, StringComparison.Ordinal);
        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));

        // Every value is now under key 3, the older keys are kept, and every person reads back.
        await using (var db = kit.Database.OpenContext())
        {
            var blobs = await db.Beneficiaries.AsNoTracking().Select(b => new { b.NirCipher, b.IdentityCipher }).ToListAsync(Cancellation);
            var secrets = await db.Users.AsNoTracking().Where(u => u.TotpSecretCipher != null).Select(u => u.TotpSecretCipher!).ToListAsync(Cancellation);
            Assert.All(blobs, b => Assert.Equal((3u, 3u), (FieldCipher.KeyIdOf(b.NirCipher), FieldCipher.KeyIdOf(b.IdentityCipher))));
            Assert.All(secrets, s => Assert.Equal(3u, FieldCipher.KeyIdOf(s)));
            Assert.NotEmpty(secrets);
            var people = await kit.Database.RevealAllAsync();
            Assert.Equal(blobs.Count, people.Count);
            Assert.Equal(writes.Count * 4, people.Count(p => p.MembershipNumber.StartsWith('R')));
        }

        using var keys = JsonDocument.Parse(await File.ReadAllTextAsync(kit.Database.Settings["Encryption:KeysFile"]!, Cancellation));
        var encryption = keys.RootElement.GetProperty("Encryption");
        Assert.Equal(3, encryption.GetProperty("CurrentKeyId").GetInt32());
        Assert.Equal(["1", "2", "3"], encryption.GetProperty("Keys").EnumerateObject().Select(k => k.Name));

        // The server reads what was re-encrypted under keys it did not start with.
        using (var after = await kit.CheckAsync(token, EligibilityKit.Body(cards[0], domains: ["pharmacie"])))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        var status = await kit.Database.RunAsync("keys", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("current key: 3", status.Output, StringComparison.Ordinal);
        Assert.Contains("key 1: 0 values", status.Output, StringComparison.Ordinal);
        Assert.Contains("key 2: 0 values", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_is_refused_with_a_way_forward_when_the_keys_come_from_configuration()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("migrate")).ExitCode);

        var result = await database.RunAsync("keys", "rotate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Encryption:Keys", result.Error, StringComparison.Ordinal);
        Assert.Contains("tiers keys reencrypt", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reencrypt_after_a_key_is_added_to_the_configuration_moves_every_value_to_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "30", "--practices", "2")).ExitCode);
        database.Settings["Encryption:Keys:7"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        database.Settings["Encryption:CurrentKeyId"] = "7";

        var result = await database.RunAsync("keys", "reencrypt");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("re-encryption under key 7: done", result.Output, StringComparison.Ordinal);
        await using var db = database.OpenContext();
        Assert.All(await db.Beneficiaries.AsNoTracking().Select(b => b.NirCipher).ToListAsync(Cancellation), b => Assert.Equal(7u, FieldCipher.KeyIdOf(b)));
        Assert.Equal(30, (await database.RevealAllAsync()).Count);
        var values = (2 * 30) + await db.Users.CountAsync(u => u.TotpSecretCipher != null, Cancellation);

        // Nothing needs key 1 any more: it can leave the configuration.
        database.Settings.Remove("Encryption:Keys:1");
        var status = await database.RunAsync("keys", "status");
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"key 7: {values} values"), status.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("key 1", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ring_read_from_a_file_decrypts_under_a_key_another_process_added_and_then_encrypts_with_it()
    {
        var folder = Directory.CreateTempSubdirectory("tierspayant-keys-").FullName;
        var path = KeyFile.EnsureExists(folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Encryption:KeysFile"] = path }).Build();
        var running = KeyRing.Load(configuration);
        var aad = "beneficiary:x:nir"u8.ToArray();

        var added = KeyFile.AddKey(path);
        var elsewhere = new FieldCipher(KeyRing.Load(configuration));
        var written = elsewhere.Encrypt("2061275111005"u8, aad);

        Assert.Equal(2u, added);
        Assert.Equal(2u, FieldCipher.KeyIdOf(written));
        Assert.Equal("2061275111005"u8.ToArray(), new FieldCipher(running).Decrypt(written, aad)); // read the file again on a key it lacked
        Assert.Equal(2u, running.CurrentKeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path)); // the rewritten file too
        }
    }

    [Fact]
    public void A_keys_file_that_lost_a_key_is_refused_rather_than_losing_the_data_under_it()
    {
        var folder = Directory.CreateTempSubdirectory("tierspayant-keys-").FullName;
        var path = KeyFile.EnsureExists(folder);
        KeyFile.AddKey(path);
        var ring = KeyRing.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Encryption:KeysFile"] = path }).Build());
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        document["Encryption"]!["Keys"]!.AsObject().Remove("1");
        File.WriteAllText(path, document.ToJsonString());

        var error = Assert.Throws<InvalidOperationException>(ring.Reload);

        Assert.Contains("key 1", error.Message, StringComparison.Ordinal);
        Assert.Equal([1u, 2u], ring.KeyIds.Order());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancellation);
        }

        Assert.True(condition(), "the live traffic did not start");
    }
}
