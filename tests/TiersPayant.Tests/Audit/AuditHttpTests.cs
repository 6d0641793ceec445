using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Audit;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Audit;

/// <summary>
/// What an auditor gets over HTTP, checked with nothing of the platform's: the Merkle hashing of
/// RFC 6962 and the proof verification of RFC 9162 are written again below, in the inner/border
/// form rather than the RFC's loop, and the C2SP tile and bundle layouts are read from bytes.
/// </summary>
public sealed class AuditHttpTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Proofs_tiles_and_entries_fetched_over_http_verify_independently_and_hold_no_personal_data(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "60", "--practices", "4")).ExitCode);
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        await using var factory = new PlatformFactory(database, demoBeneficiaries: 60);
        using var client = factory.CreateClient();
        using var credentials = await CredentialsAsync(database);
        var token = await AuditorTokenAsync(client, credentials);

        await DiscloseAsync(factory, 300);
        var first = await SignAsync(client, token);
        await DiscloseAsync(factory, 113);
        var second = await SignAsync(client, token);
        Assert.Equal((300L, 413L), (first.Size, second.Size));
        var latest = Checkpoint(await GetTextAsync(client, token, "/audit/checkpoint"));
        Assert.Equal((second.Size, Convert.ToHexString(second.Root)), (latest.Size, Convert.ToHexString(latest.Root)));

        // The tiles: full tile 0, partial tile 1 of width 157, their entry bundles; the tree from them.
        var leaves = new List<byte[]>();
        var entries = new List<byte[]>();
        foreach (var (tile, bundle) in new[] { ("/audit/tile/0/000", "/audit/tile/entries/000"), ("/audit/tile/0/001.p/157", "/audit/tile/entries/001.p/157") })
        {
            leaves.AddRange(Hashes(await GetBytesAsync(client, token, tile)));
            entries.AddRange(Bundle(await GetBytesAsync(client, token, bundle)));
        }

        Assert.Equal(413, leaves.Count);
        Assert.Equal(leaves.Select(Convert.ToHexString), entries.Select(e => Convert.ToHexString(Leaf(e))));
        Assert.Equal(Convert.ToHexString(second.Root), Convert.ToHexString(Mth(leaves, 0, 413)));
        Assert.Equal(Convert.ToHexString(first.Root), Convert.ToHexString(Mth(leaves, 0, 300)));
        var level1 = await GetBytesAsync(client, token, "/audit/tile/1/000.p/1");
        Assert.Equal(Convert.ToHexString(Mth(leaves, 0, 256)), Convert.ToHexString(level1));

        // An inclusion proof by position, one by record id, and the consistency of the two checkpoints.
        foreach (var index in new[] { 0L, 7L, 255L, 256L, 412L })
        {
            var proof = await GetJsonAsync(client, token, $"/audit/proof/inclusion?index={index}&size=413");
            Assert.Equal(Convert.ToHexString(leaves[(int)index]), Convert.ToHexString(Convert.FromBase64String(proof.GetProperty("leafHash").GetString()!)));
            Assert.True(VerifyInclusion(index, 413, leaves[(int)index], Path(proof), second.Root), $"inclusion of {index}");
            Assert.False(VerifyInclusion(index, 413, leaves[(int)((index + 1) % 413)], Path(proof), second.Root));
        }

        Guid recordAt350;
        await using (var db = database.OpenContext())
        {
            recordAt350 = await db.Disclosures.Where(d => d.Seq == 350).Select(d => d.Id).SingleAsync(Cancellation);
        }

        var byRecord = await GetJsonAsync(client, token, $"/audit/proof/inclusion?record={recordAt350}&size=413");
        Assert.Equal(350, byRecord.GetProperty("index").GetInt64());
        Assert.True(VerifyInclusion(350, 413, leaves[350], Path(byRecord), second.Root));

        var consistency = await GetJsonAsync(client, token, "/audit/proof/consistency?from=300&to=413");
        Assert.True(VerifyConsistency(300, 413, first.Root, second.Root, Path(consistency)));
        Assert.False(VerifyConsistency(300, 413, Mth(leaves, 0, 299), second.Root, Path(consistency)));

        // Entries name no one: pseudonyms, no name, no card number, no NIR.
        var people = await database.RevealAllAsync();
        var published = string.Join('\n', entries.Select(Encoding.UTF8.GetString));
        Assert.All(people, p =>
        {
            Assert.DoesNotContain(p.MembershipNumber, published, StringComparison.Ordinal);
            Assert.DoesNotContain(p.Nir.Value, published, StringComparison.Ordinal);
            Assert.DoesNotContain(p.Id.Value.ToString(), published, StringComparison.OrdinalIgnoreCase);
        });
        using var entry = JsonDocument.Parse(entries[5]);
        Assert.Equal(5, entry.RootElement.GetProperty("n").GetInt64());
        Assert.Equal(22, entry.RootElement.GetProperty("person").GetString()!.Length);

        // Beyond the latest checkpoint nothing is served.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, token, HttpMethod.Get, "/audit/tile/0/001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, token, HttpMethod.Get, "/audit/proof/inclusion?index=3&size=500")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, token, HttpMethod.Get, "/audit/proof/consistency?from=400&to=300")).StatusCode);
    }

    [Fact]
    public async Task Only_an_auditors_client_reads_the_log()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4")).ExitCode);
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        await using var factory = new PlatformFactory(database, demoBeneficiaries: 20);
        using var client = factory.CreateClient();
        using var credentials = await CredentialsAsync(database);
        var practice = credentials.RootElement.GetProperty("apiClients")[0];
        var practiceToken = await AccessTokenAsync(await RequestTokenAsync(client,
            ("grant_type", "client_credentials"), ("client_id", practice.GetProperty("clientId").GetString()!), ("client_secret", practice.GetProperty("clientSecret").GetString()!)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, null, HttpMethod.Get, "/audit/checkpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, practiceToken, HttpMethod.Get, "/audit/checkpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, await AuditorTokenAsync(client, credentials), HttpMethod.Get, "/audit/checkpoint")).StatusCode);
        // An auditor's client cannot ask for a practice's scopes.
        var auditor = credentials.RootElement.GetProperty("auditClients")[0];
        var refused = await RequestTokenAsync(client, ("grant_type", "client_credentials"), ("client_id", auditor.GetProperty("clientId").GetString()!),
            ("client_secret", auditor.GetProperty("clientSecret").GetString()!), ("scope", "eligibility"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    // ---- an auditor's own RFC 6962 / RFC 9162 code ----------------------------------------

    private static byte[] Leaf(byte[] entry) => SHA256.HashData([0, .. entry]);

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([1, .. left, .. right]);

    /// <summary>MTH(D[start:start+n]) by the definition: split at the largest power of two below n.</summary>
    private static byte[] Mth(List<byte[]> leaves, int start, int n)
    {
        if (n == 1)
        {
            return leaves[start];
        }

        var k = (int)BitOperations.RoundUpToPowerOf2((uint)n) / 2;
        return Node(Mth(leaves, start, k), Mth(leaves, start + k, n - k));
    }

    private static bool VerifyInclusion(long index, long size, byte[] leaf, List<byte[]> proof, byte[] root)
    {
        if (index >= size)
        {
            return false;
        }

        var inner = 64 - BitOperations.LeadingZeroCount((ulong)(index ^ (size - 1)));
        var border = BitOperations.PopCount((ulong)index >> inner);
        if (proof.Count != inner + border)
        {
            return false;
        }

        var hash = leaf;
        for (var i = 0; i < inner; i++)
        {
            hash = ((index >> i) & 1) == 0 ? Node(hash, proof[i]) : Node(proof[i], hash);
        }

        for (var i = inner; i < proof.Count; i++)
        {
            hash = Node(proof[i], hash);
        }

        return hash.AsSpan().SequenceEqual(root);
    }

    private static bool VerifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
    {
        if (size1 <= 0 || size1 >= size2 || proof.Count == 0)
        {
            return false;
        }

        var inner = 64 - BitOperations.LeadingZeroCount((ulong)((size1 - 1) ^ (size2 - 1)));
        var border = BitOperations.PopCount((ulong)(size1 - 1) >> inner);
        var shift = BitOperations.TrailingZeroCount(size1);
        inner -= shift;
        var (seed, start) = size1 == 1L << shift ? (root1, 0) : (proof[0], 1);
        if (proof.Count != start + inner + border)
        {
            return false;
        }

        var mask = (size1 - 1) >> shift;
        var (hash1, hash2) = (seed, seed);
        for (var i = 0; i < inner; i++)
        {
            var p = proof[start + i];
            if (((mask >> i) & 1) == 1)
            {
                hash1 = Node(p, hash1);
                hash2 = Node(p, hash2);
            }
            else
            {
                hash2 = Node(hash2, p);
            }
        }

        for (var i = start + inner; i < proof.Count; i++)
        {
            hash1 = Node(proof[i], hash1);
            hash2 = Node(proof[i], hash2);
        }

        return hash1.AsSpan().SequenceEqual(root1) && hash2.AsSpan().SequenceEqual(root2);
    }

    private static List<byte[]> Hashes(byte[] tile) => [.. tile.Chunk(32)];

    private static List<byte[]> Bundle(byte[] bundle)
    {
        var entries = new List<byte[]>();
        for (var at = 0; at < bundle.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
            entries.Add(bundle[(at + 2)..(at + 2 + length)]);
            at += 2 + length;
        }

        return entries;
    }

    private static (long Size, byte[] Root) Checkpoint(string note)
    {
        var lines = note.Split('\n');
        Assert.Equal("tierspayant.localhost/disclosures", lines[0]);
        Assert.Equal(string.Empty, lines[3]);
        Assert.StartsWith("\u2014 tierspayant.localhost/disclosures ", lines[4], StringComparison.Ordinal);
        return (long.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(lines[2]));
    }

    private static List<byte[]> Path(JsonElement proof) => [.. proof.GetProperty("path").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!))];

    // ---- plumbing ---------------------------------------------------------------------------

    private static async Task DiscloseAsync(PlatformFactory factory, int count)
    {
        List<(Guid Id, string Insurer)> people;
        await using (var db = factory.Database.OpenContext())
        {
            people = [.. (await db.Beneficiaries.AsNoTracking().Select(b => new { b.Id, b.InsurerAmc }).ToListAsync(Cancellation)).Select(b => (b.Id, b.InsurerAmc))];
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<DisclosureLog>();
        var reader = new Reader("client", null, "tp-test", Guid.CreateVersion7(), null, "192.0.2.7", "api", null, "pharmacien");
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            log.RecordAsync(reader, people[i % people.Count].Id, people[i % people.Count].Insurer, [DisclosedFields.Rights], "eligibility", $"IDB-{i}", Cancellation)));
    }

    private static async Task<(long Size, byte[] Root)> SignAsync(HttpClient client, string token)
    {
        var response = await SendAsync(client, token, HttpMethod.Post, "/audit/checkpoint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Checkpoint(await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static async Task<string> AuditorTokenAsync(HttpClient client, JsonDocument credentials)
    {
        var auditor = credentials.RootElement.GetProperty("auditClients")[0];
        return await AccessTokenAsync(await RequestTokenAsync(client,
            ("grant_type", "client_credentials"), ("client_id", auditor.GetProperty("clientId").GetString()!), ("client_secret", auditor.GetProperty("clientSecret").GetString()!)));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string? token, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request, Cancellation);
    }

    private static async Task<string> GetTextAsync(HttpClient client, string token, string path)
    {
        var response = await SendAsync(client, token, HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancellation);
    }

    private static async Task<byte[]> GetBytesAsync(HttpClient client, string token, string path)
    {
        var response = await SendAsync(client, token, HttpMethod.Get, path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync(Cancellation);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string token, string path)
    {
        var response = await SendAsync(client, token, HttpMethod.Get, path);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
