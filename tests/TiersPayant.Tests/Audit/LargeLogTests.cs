using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Audit;
using TiersPayant.Security.Guard;

namespace TiersPayant.Tests.Audit;

/// <summary>
/// A log of many records written through the real appender, then verified and scoped: intact, and
/// the harvest hidden in it scoped exactly. Small in CI; the sizes of the note with
/// <c>TIERSPAYANT_AUDIT_RECORDS=1000000</c> (verification) or <c>10000000</c> (scope), and
/// <c>TIERSPAYANT_AUDIT_REPORT=FILE</c> for the timings.
/// </summary>
public sealed class LargeLogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_large_log_verifies_intact_and_a_harvest_hidden_in_it_is_scoped_exactly()
    {
        var records = int.TryParse(Environment.GetEnvironmentVariable("TIERSPAYANT_AUDIT_RECORDS"), CultureInfo.InvariantCulture, out var configured) ? configured : 5_000;
        await using var kit = await AuditKit.StartAsync(DatabaseProvider.Sqlite, beneficiaries: 2_000);
        var harvested = kit.People.Take(14).Select(p => p.Id).ToHashSet();
        var clock = Stopwatch.StartNew();

        // The filler: ordinary traffic written in groups of a thousand; the harvest in the middle, one by one.
        await kit.DiscloseInBulkAsync(records / 2);
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using (var scope = kit.Host.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<DisclosureLog>();
            var thief = new Reader("client", null, "tp-stolen", Guid.CreateVersion7(), null, "203.0.113.9", "api", null, "pharmacien");
            foreach (var person in kit.People.Take(14))
            {
                await log.RecordAsync(thief, person.Id, person.Insurer, [DisclosedFields.Rights], "eligibility", "IDB-H", TestContext.Current.CancellationToken);
            }
        }

        var to = DateTimeOffset.UtcNow.AddSeconds(1);
        await kit.DiscloseInBulkAsync(records - (records / 2));
        var appended = clock.Elapsed;
        clock.Restart();
        await kit.CheckpointAsync();
        var checkpointed = clock.Elapsed;

        clock.Restart();
        var verified = await kit.Database.RunAsync("audit", "verify");
        var verifying = clock.Elapsed;
        clock.Restart();
        var scoped = await kit.Database.RunAsync("breach", "scope", "--client", "tp-stolen",
            "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", to.ToString("O", CultureInfo.InvariantCulture), "--json");
        var scoping = clock.Elapsed;

        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"intact: {records + 14} entries"), verified.Output, StringComparison.Ordinal);
        Assert.True(scoped.ExitCode == 0, scoped.Error);
        using var json = JsonDocument.Parse(scoped.Output);
        Assert.Equal(14, json.RootElement.GetProperty("people").GetInt32());
        Assert.Equal(harvested.Order(), json.RootElement.GetProperty("exposed").EnumerateArray().Select(e => e.GetProperty("beneficiaryId").GetGuid()).Order());

        var report = string.Create(CultureInfo.InvariantCulture,
            $"records {records + 14}: appended in {appended.TotalSeconds:F1} s ({(records + 14) / appended.TotalSeconds:F0}/s in groups of 1,000), first checkpoint {checkpointed.TotalSeconds:F1} s, verify {verifying.TotalSeconds:F1} s, scope {scoping.TotalSeconds:F2} s");
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("TIERSPAYANT_AUDIT_REPORT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report + "\n", TestContext.Current.CancellationToken);
        }
    }
}
