using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Audit;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Audit;

/// <summary>
/// A seeded database and the platform's services as an operator's verb gets them, to write
/// disclosures through the real log (the guarded path's writer, with its group commit) and sign
/// checkpoints, then tamper with the rows as someone with the database's keys could.
/// </summary>
internal sealed class AuditKit : IAsyncDisposable
{
    private AuditKit(TestDatabase database, IHost host, List<(Guid Id, string Insurer)> people) => (Database, Host, People) = (database, host, people);

    public TestDatabase Database { get; }

    public IHost Host { get; }

    /// <summary>Beneficiaries of the demo: (id, insurer).</summary>
    public List<(Guid Id, string Insurer)> People { get; }

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<AuditKit> StartAsync(DatabaseProvider provider, int beneficiaries = 60)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seeded = await database.RunAsync("seed", "--beneficiaries", beneficiaries.ToString(System.Globalization.CultureInfo.InvariantCulture), "--practices", "4");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        TiersPayant.Cli.CliHost.Settings.Value = database.Settings;
        var host = TiersPayant.Cli.CliHost.Build(new DirectoryInfo(database.DataDirectory));
        await host.StartAsync(Cancellation);
        await using var db = database.OpenContext();
        var people = (await db.Beneficiaries.AsNoTracking().Select(b => new { b.Id, b.InsurerAmc }).ToListAsync(Cancellation)).Select(b => (b.Id, b.InsurerAmc)).ToList();
        return new AuditKit(database, host, people);
    }

    /// <summary>Writes <paramref name="count"/> disclosures, <paramref name="concurrency"/> callers at a time, each awaiting its own record.</summary>
    public async Task DiscloseAsync(int count, int concurrency = 16)
    {
        var next = -1;
        var practice = Guid.CreateVersion7();
        async Task Caller(int caller)
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<DisclosureLog>();
            var reader = new Reader("client", null, $"tp-caller{caller}", practice, null, "192.0.2." + caller, "api", null, "pharmacien");
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var (id, insurer) = People[i % People.Count];
                await log.RecordAsync(reader, id, insurer, [DisclosedFields.Rights], "eligibility", $"IDB-{i}", Cancellation);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(Caller));
    }

    /// <summary>Writes <paramref name="count"/> disclosures in groups of a thousand (as a member import does), two groups at a time.</summary>
    public async Task DiscloseInBulkAsync(int count)
    {
        var practice = Guid.CreateVersion7();
        var groups = Enumerable.Range(0, (count + 999) / 1000).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = Cancellation }, async (group, cancellation) =>
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<DisclosureLog>();
            var reader = new Reader("client", null, "tp-bulk" + (group % 50), practice, null, "192.0.2.200", "api", null, "pharmacien");
            var records = Enumerable.Range(group * 1000, Math.Min(1000, count - (group * 1000)))
                .Select(i => log.Entry(reader, People[i % People.Count].Id, People[i % People.Count].Insurer, [DisclosedFields.Rights], "eligibility", "IDB-" + i))
                .ToList();
            await log.RecordAllAsync(records, cancellation);
        });
    }

    public Task<Checkpoint> CheckpointAsync() => Host.Services.GetRequiredService<MerkleLog>().CheckpointAsync(Cancellation);

    /// <summary>Runs SQL as the database's owner, with the append-only triggers out of the way (as an intruder with those rights would).</summary>
    public async Task TamperAsync(params string[] statements)
    {
        await using var db = Database.OpenContext();
        string[] unguard = Database.Provider == DatabaseProvider.Postgres
            ?
            [
                "ALTER TABLE disclosures DISABLE TRIGGER USER", "ALTER TABLE audit_checkpoints DISABLE TRIGGER USER",
                "ALTER TABLE audit_heads DISABLE TRIGGER USER", "ALTER TABLE audit_subtrees DISABLE TRIGGER USER",
            ]
            :
            [
                "DROP TRIGGER IF EXISTS disclosures_no_update", "DROP TRIGGER IF EXISTS disclosures_no_delete",
                "DROP TRIGGER IF EXISTS audit_checkpoints_no_update", "DROP TRIGGER IF EXISTS audit_checkpoints_no_delete", "DROP TRIGGER IF EXISTS audit_heads_forward",
                "DROP TRIGGER IF EXISTS audit_subtrees_no_update",
            ];
        foreach (var statement in unguard.Concat(statements))
        {
            await db.Database.ExecuteSqlRawAsync(statement, Cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        await Database.DisposeAsync();
    }
}
