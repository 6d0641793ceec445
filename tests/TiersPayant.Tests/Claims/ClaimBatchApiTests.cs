using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TiersPayant.Claims.Batches;
using TiersPayant.Data.Claims;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;
using static TiersPayant.Tests.Claims.ImportClaimsTests;

namespace TiersPayant.Tests.Claims;

public sealed class ClaimBatchApiTests
{
    private const string Batches = "/api/v1/claim-batches";

    /// <summary>The invoice file of the CLI's test: ORD-1 on two lines, ORD-2, and ORD-3 whose card matches nobody.</summary>
    private static string File() => string.Join('\n', [
        Header,
        Line("ORD-1", "Jean-Noël", "1980-04-12", Doliprane, "2"),
        Line("ORD-1", "Jean-Noël", "1980-04-12", Clamoxyl, "1", "301"),
        Line("ORD-2", "Aïssatou", "1982-09-30", Doliprane),
        Line("ORD-3", "Personne", "1980-04-12", Doliprane),
    ]) + "\n";

    /// <summary>A seeded database with the family C100, demo client secrets allowed, idle nodes looking for work often.</summary>
    private static async Task<(TestDatabase Database, string Pharmacy)> PreparedAsync(DatabaseProvider provider)
    {
        var (database, pharmacy) = await SeededAsync(provider);
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        database.Settings["ClaimBatches:PollInterval"] = "00:00:00.100";
        return (database, pharmacy);
    }

    /// <summary>A node on the database; <paramref name="run"/> false: it takes files in and runs none.</summary>
    private static PlatformFactory Node(TestDatabase database, bool run)
    {
        database.Settings["ClaimBatches:Run"] = run ? "true" : "false";
        return new PlatformFactory(database);
    }

    private static async Task<string> TokenAsync(HttpClient client, TestDatabase database, string profession = "pharmacien")
    {
        using var credentials = JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(Path.Combine(database.DataDirectory, "demo-credentials.json"), Cancellation));
        var demo = credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == profession);
        return await AccessTokenAsync(await RequestTokenAsync(client,
            ("grant_type", "client_credentials"), ("client_id", demo.GetProperty("clientId").GetString()!), ("client_secret", demo.GetProperty("clientSecret").GetString()!)));
    }

    private static async Task<string> ClientIdAsync(TestDatabase database, string profession = "pharmacien")
    {
        using var credentials = JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(Path.Combine(database.DataDirectory, "demo-credentials.json"), Cancellation));
        return credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == profession).GetProperty("clientId").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string token, string file, string? key = null, string mediaType = "text/csv")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Batches) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(file)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request, Cancellation);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, Cancellation);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asks for the job until it is done or failed, for at most a minute; the last answer is the test's to assert on.</summary>
    private static async Task<JsonElement> FinishedAsync(HttpClient client, string token, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var response = await GetAsync(client, token, $"{Batches}/{id}");
            var job = await JsonAsync(response, HttpStatusCode.OK);
            if (job.GetProperty("status").GetString() is "done" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(100, Cancellation);
        }
    }

    private static void AssertCounts(JsonElement job, long lines, long invoices, long accepted, long rejected, long notAdjudicated, long alreadyImported) =>
        Assert.Equal((lines, invoices, accepted, rejected, notAdjudicated, alreadyImported),
            (job.GetProperty("lines").GetInt64(), job.GetProperty("invoices").GetInt64(), job.GetProperty("accepted").GetInt64(), job.GetProperty("rejected").GetInt64(),
             job.GetProperty("notAdjudicated").GetInt64(), job.GetProperty("alreadyImported").GetInt64()));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_sent_through_the_api_is_adjudicated_in_the_background_as_import_claims_does_and_sending_it_again_creates_nothing(DatabaseProvider provider)
    {
        var (database, pharmacy) = await PreparedAsync(provider);
        await using var _ = database;
        await using var node = Node(database, run: true);
        using var client = node.CreateClient();
        var token = await TokenAsync(client, database);

        using var sent = await SendAsync(client, token, File(), key: "day-2026-12-06");
        var accepted = await JsonAsync(sent, HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"{Batches}/{id}", sent.Headers.Location?.OriginalString);
        Assert.Contains(accepted.GetProperty("status").GetString(), new[] { "queued", "running", "done" });
        var job = await FinishedAsync(client, token, id);
        using var resultsResponse = await GetAsync(client, token, $"{Batches}/{id}/results");
        var results = (await resultsResponse.Content.ReadAsStringAsync(Cancellation)).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);

        // The same key and the same file: the same job, nothing queued again.
        using var resent = await SendAsync(client, token, File(), key: "day-2026-12-06");
        var same = await JsonAsync(resent, HttpStatusCode.Accepted);
        // The same key with another file: a conflict.
        using var other = await SendAsync(client, token, File().Replace("ORD-3", "ORD-4", StringComparison.Ordinal), key: "day-2026-12-06");
        var conflict = await JsonAsync(other, HttpStatusCode.Conflict);
        // The same file without a key: a new job, which creates nothing.
        using var again = await SendAsync(client, token, File());
        var second = await FinishedAsync(client, token, (await JsonAsync(again, HttpStatusCode.Accepted)).GetProperty("id").GetString()!);
        // Another practice's software does not see the job.
        var optician = await TokenAsync(client, database, "opticien");
        using var elsewhere = await GetAsync(client, optician, $"{Batches}/{id}");
        using var elsewhereResults = await GetAsync(client, optician, $"{Batches}/{id}/results");
        // The operator's command on the same file answers the same rows (now already imported).
        var cliResults = Path.Combine(database.DataDirectory, "cli-results.csv");
        var cli = await database.RunAsync("import", "claims", Members.MemberFiles.Write(database.DataDirectory, File().Split('\n', StringSplitOptions.RemoveEmptyEntries), name: "claims.csv"),
            "--practice", pharmacy, "--results", cliResults, "--quiet");

        Assert.Equal("done", job.GetProperty("status").GetString());
        AssertCounts(job, lines: 4, invoices: 3, accepted: 2, rejected: 1, notAdjudicated: 0, alreadyImported: 0);
        Assert.Equal(0, job.GetProperty("errors").GetArrayLength());
        Assert.Equal($"{Batches}/{id}/results", job.GetProperty("results").GetString());
        Assert.True(job.GetProperty("startedAt").GetDateTime() <= job.GetProperty("finishedAt").GetDateTime());
        Assert.Equal(HttpStatusCode.OK, resultsResponse.StatusCode);
        Assert.Equal("text/csv", resultsResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(id, same.GetProperty("id").GetString());
        Assert.Equal("idempotency-key-reused", conflict.GetProperty("reason").GetString());
        Assert.Equal("done", second.GetProperty("status").GetString());
        AssertCounts(second, lines: 4, invoices: 3, accepted: 2, rejected: 1, notAdjudicated: 0, alreadyImported: 3);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhereResults.StatusCode);
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Equal(results.Select(r => r.Replace(";false;", ";true;", StringComparison.Ordinal)), await System.IO.File.ReadAllLinesAsync(cliResults, Cancellation));
        Assert.DoesNotContain(results, r => r.Contains("Lef", StringComparison.Ordinal) || r.Contains("C100", StringComparison.Ordinal) || r.Contains("1980", StringComparison.Ordinal));

        await using var db = database.OpenContext();
        var claims = await db.Claims.AsNoTracking().OrderBy(c => c.IdempotencyKey).ToListAsync(Cancellation);
        Assert.Equal(["ORD-1", "ORD-2", "ORD-3"], claims.Select(c => c.IdempotencyKey));
        Assert.Equal($"2;ORD-1;{claims[0].Number};accepted;false;{claims[0].TotalCents};{claims[0].AmoCents};{claims[0].AmcCents};{claims[0].PatientCents};", results[1]);
        Assert.All(claims, c => Assert.Equal("batch", c.Channel));
        Assert.Equal(2, await db.ClaimBatchJobs.CountAsync(Cancellation));
        Assert.Equal(0, await db.ClaimBatchUploadChunks.CountAsync(Cancellation));
        // Each person read is in the disclosure log: the batch door, for the practice, naming the client that sent the file.
        var client0 = await ClientIdAsync(database);
        var reads = await db.Disclosures.AsNoTracking().Where(d => d.Purpose == "claim" && d.ClientId == client0).ToListAsync(Cancellation);
        Assert.Equal(4, reads.Count); // two people, on each of the two files
        Assert.All(reads, d => Assert.Equal(("system", "claims-import", "batch", (Guid?)Guid.Parse(pharmacy)), (d.ActorKind, d.Role, d.Channel, d.PracticeId)));
    }

    [Fact]
    public async Task A_file_with_a_wrong_header_another_media_type_or_too_large_is_refused_at_once_and_nothing_is_queued()
    {
        var (database, _) = await PreparedAsync(DatabaseProvider.Sqlite);
        await using var _database = database;
        await using var node = Node(database, run: false);
        using var client = node.CreateClient();
        var token = await TokenAsync(client, database);

        using var header = await SendAsync(client, token, "invoice_ref;name;code\nA;B;C\n");
        var problem = await JsonAsync(header, HttpStatusCode.BadRequest);
        using var empty = await SendAsync(client, token, "");
        using var json = await SendAsync(client, token, File(), mediaType: "application/json");
        using var large = await SendAsync(client, token, File() + new string('x', (int)global::TiersPayant.Web.Requests.BodyLimits.InvoiceFile));
        using var key = await SendAsync(client, token, File(), key: new string('k', 101));
        using var anonymous = await client.PostAsync(new Uri(Batches, UriKind.Relative), new StringContent(File(), Encoding.UTF8, "text/csv"), Cancellation);

        Assert.Equal("application/problem+json", header.Content.Headers.ContentType?.MediaType);
        var messages = problem.GetProperty("errors").GetProperty("header").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("line 1: header: unknown column 'name'", messages);
        Assert.Contains("line 1: header: missing column 'membership_number'", messages);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("urn:tierspayant:problem:too-large", (await JsonAsync(large, HttpStatusCode.RequestEntityTooLarge)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, key.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await using var db = database.OpenContext();
        Assert.Equal(0, await db.ClaimBatchJobs.CountAsync(Cancellation));
        Assert.Equal(0, await db.ClaimBatchUploadChunks.CountAsync(Cancellation));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_file_is_stored_encrypted_its_results_wait_for_the_job_and_it_is_deleted_once_the_job_is_done(DatabaseProvider provider)
    {
        var (database, _) = await PreparedAsync(provider);
        await using var _database = database;
        string id;
        byte[] stored;
        HttpStatusCode early;
        await using (var intake = Node(database, run: false))
        {
            using var client = intake.CreateClient();
            var token = await TokenAsync(client, database);
            using var sent = await SendAsync(client, token, File());
            id = (await JsonAsync(sent, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
            using var results = await GetAsync(client, token, $"{Batches}/{id}/results");
            early = results.StatusCode;
            await using var db = database.OpenContext();
            stored = [.. (await db.ClaimBatchUploadChunks.AsNoTracking().Where(c => c.JobId == Guid.Parse(id)).OrderBy(c => c.Index).ToListAsync(Cancellation))
                .SelectMany(c => c.ContentCipher)];
        }

        await using var worker = Node(database, run: true);
        using var workerClient = worker.CreateClient();
        var job = await FinishedAsync(workerClient, await TokenAsync(workerClient, database), id);

        Assert.Equal(HttpStatusCode.Conflict, early);
        Assert.NotEmpty(stored);
        foreach (var clear in new[] { "Lefèvre", "Jean-Noël", "1980-04-12", "C100", "ORD-1", "invoice_ref" })
        {
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(clear)));
        }

        Assert.Equal("done", job.GetProperty("status").GetString());
        await using var after = database.OpenContext();
        Assert.Equal(0, await after.ClaimBatchUploadChunks.CountAsync(Cancellation));
        Assert.Equal(0, (await after.ClaimBatchJobs.AsNoTracking().SingleAsync(Cancellation)).UploadChunks);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_job_is_claimed_by_one_node_only_and_one_whose_node_stopped_is_taken_up_by_another_and_finished(DatabaseProvider provider)
    {
        var (database, _) = await PreparedAsync(provider);
        await using var _database = database;
        Guid id;
        ClaimBatchJobRecord?[] claimed;
        await using (var first = Node(database, run: false))
        await using (var second = Node(database, run: false))
        {
            using var client = first.CreateClient();
            using var sent = await SendAsync(client, await TokenAsync(client, database), File());
            id = Guid.Parse((await JsonAsync(sent, HttpStatusCode.Accepted)).GetProperty("id").GetString()!);
            _ = second.Server;
            var runners = new[] { first, second }.Select(n => n.Services.GetServices<IHostedService>().OfType<ClaimBatchJobRunner>().Single()).ToList();
            // Both nodes see the job free at once: one conditional update wins.
            claimed = await Task.WhenAll(runners.Select(r => r.ClaimNextAsync(Cancellation)));
        }

        // The node that claimed it stopped without finishing: its lease runs out.
        await using (var db = database.OpenContext())
        {
            var past = DateTime.UtcNow.AddMinutes(-1);
            await db.ClaimBatchJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, past), Cancellation);
        }

        await using var third = Node(database, run: true);
        using var thirdClient = third.CreateClient();
        var job = await FinishedAsync(thirdClient, await TokenAsync(thirdClient, database), id.ToString());

        Assert.Single(claimed, c => c is not null);
        Assert.Equal(("running", 1), (claimed.Single(c => c is not null)!.Status, claimed.Single(c => c is not null)!.Attempts));
        Assert.Equal("done", job.GetProperty("status").GetString());
        AssertCounts(job, lines: 4, invoices: 3, accepted: 2, rejected: 1, notAdjudicated: 0, alreadyImported: 0);
        await using var after = database.OpenContext();
        var record = await after.ClaimBatchJobs.AsNoTracking().SingleAsync(Cancellation);
        Assert.Equal((2, (string?)null, 0), (record.Attempts, record.LeaseOwner, await after.ClaimBatchUploadChunks.CountAsync(Cancellation)));
        Assert.Equal(["ORD-1", "ORD-2", "ORD-3"], await after.Claims.AsNoTracking().OrderBy(c => c.IdempotencyKey).Select(c => c.IdempotencyKey).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task A_running_job_shows_its_progress_and_a_node_that_stops_gives_it_back_for_another_to_finish_without_creating_anything_twice()
    {
        var (database, _) = await PreparedAsync(DatabaseProvider.Sqlite);
        await using var _database = database;
        // One person's invoices (prescribed on their care date), decided one after the other: long enough to be seen half done.
        const int Invoices = 1200;
        var care = Enumerable.Range(0, 60).Select(d => DateOnly.FromDateTime(DateTime.Today).AddDays(-d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var file = string.Join('\n', [Header, .. Enumerable.Range(0, Invoices).Select(i =>
            string.Join(';', $"LONG-{i:D4}", Insurer, "C100", "Lefèvre", "Jean-Noël", "1980-04-12", "", "pharmacie", care[i % care.Length], care[i % care.Length], "10000123454", i % 2 == 0 ? Doliprane : Clamoxyl, "1", "218"))]) + "\n";
        string id;
        JsonElement halfway;
        await using (var first = Node(database, run: true))
        {
            using var client = first.CreateClient();
            var token = await TokenAsync(client, database);
            using var sent = await SendAsync(client, token, file);
            id = (await JsonAsync(sent, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (true)
            {
                using var response = await GetAsync(client, token, $"{Batches}/{id}");
                halfway = await JsonAsync(response, HttpStatusCode.OK);
                if (halfway.GetProperty("invoices").GetInt64() >= ClaimBatchJobRunner.SaveEvery || halfway.GetProperty("status").GetString() is "done" or "failed" || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(50, Cancellation);
            }
        } // the node stops (its host shuts down) with the job under way

        ClaimBatchJobRecord given;
        await using (var db = database.OpenContext())
        {
            given = await db.ClaimBatchJobs.AsNoTracking().SingleAsync(Cancellation);
            Assert.True(await db.ClaimBatchUploadChunks.AnyAsync(Cancellation), "the file is kept for the node that takes the job up");
        }

        await using var second = Node(database, run: true);
        using var secondClient = second.CreateClient();
        var job = await FinishedAsync(secondClient, await TokenAsync(secondClient, database), id);

        // Progress was saved while the job ran, before its end.
        Assert.Equal("running", halfway.GetProperty("status").GetString());
        Assert.InRange(halfway.GetProperty("invoices").GetInt64(), ClaimBatchJobRunner.SaveEvery, Invoices - 1);
        // A clean stop gives the job back at once, not after its lease.
        Assert.Equal((ClaimBatchJobStatuses.Queued, (string?)null, (DateTime?)null, 1), (given.Status, given.LeaseOwner, given.LeaseUntil, given.Attempts));
        Assert.Equal("done", job.GetProperty("status").GetString());
        Assert.Equal(Invoices, job.GetProperty("invoices").GetInt64());
        Assert.True(job.GetProperty("alreadyImported").GetInt64() >= ClaimBatchJobRunner.SaveEvery, "what the first node created is answered, not created again: " + job);
        await using var after = database.OpenContext();
        Assert.Equal(Invoices, await after.Claims.CountAsync(Cancellation));
        Assert.Equal(Invoices, await after.Claims.Select(c => c.IdempotencyKey).Distinct().CountAsync(Cancellation));
        Assert.Equal(2, (await after.ClaimBatchJobs.AsNoTracking().SingleAsync(Cancellation)).Attempts);
    }

    [Fact]
    public async Task The_file_of_a_client_contained_since_it_was_sent_reads_nobody()
    {
        var (database, _) = await PreparedAsync(DatabaseProvider.Sqlite);
        await using var _database = database;
        Guid id;
        await using (var intake = Node(database, run: false))
        {
            using var client = intake.CreateClient();
            using var sent = await SendAsync(client, await TokenAsync(client, database), File());
            id = Guid.Parse((await JsonAsync(sent, HttpStatusCode.Accepted)).GetProperty("id").GetString()!);
        }

        var clientId = await ClientIdAsync(database);
        await using (var db = database.OpenContext())
        {
            db.Containments.Add(new Data.Guard.ContainmentRecord
            {
                Id = Guid.NewGuid(), Scope = "client:" + clientId, ClientId = clientId, ContainedAt = DateTime.UtcNow, Reason = "test", Evidence = "contained by the test",
                Status = Security.Guard.Containments.Open,
            });
            await db.SaveChangesAsync(Cancellation);
        }

        ClaimBatchJobRecord job;
        await using (var worker = Node(database, run: true))
        {
            _ = worker.Server;
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (true)
            {
                await using var db = database.OpenContext();
                job = await db.ClaimBatchJobs.AsNoTracking().SingleAsync(j => j.Id == id, Cancellation);
                if (job.Status is ClaimBatchJobStatuses.Done or ClaimBatchJobStatuses.Failed || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(100, Cancellation);
            }
        }

        Assert.Equal((ClaimBatchJobStatuses.Done, 3L, 0L, 3L), (job.Status, job.Invoices, job.Accepted, job.NotAdjudicated));
        Assert.All(job.Errors.Split('\n'), e => Assert.EndsWith("invoice_ref: not adjudicated: the guard refused (contained); send it again later", e, StringComparison.Ordinal));
        await using var after = database.OpenContext();
        Assert.Equal(0, await after.Claims.CountAsync(Cancellation));
        Assert.Equal(0, await after.Disclosures.CountAsync(d => d.Purpose == "claim", Cancellation));
    }
}
