using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Audit;

namespace TiersPayant.Tests.Audit;

/// <summary>The benchmark's door to the appender writes a log that verifies, and never adds to a real one.</summary>
public sealed class DisclosureLogProbeTests
{
    [Fact]
    public async Task The_probe_appends_through_the_merkle_log_a_log_that_verifies()
    {
        await using var kit = await AuditKit.StartAsync(DatabaseProvider.Sqlite);

        var tree = await DisclosureLogProbe.AppendAsync(kit.Host.Services, ProbeWrite.MerkleLog, 120, callers: 8, cancellation: AuditKit.Cancellation);

        Assert.Equal(120, tree.Records);
        Assert.True(tree.PerSecond > 0 && tree.P99Milliseconds >= tree.P50Milliseconds);
        var log = kit.Host.Services.GetRequiredService<MerkleLog>();
        Assert.Equal(120, await log.SizeAsync(AuditKit.Cancellation));
        await kit.CheckpointAsync();
        var verification = await kit.Host.Services.GetRequiredService<AuditVerifier>().VerifyAsync(null, AuditKit.Cancellation);
        Assert.True(verification.Intact, verification.ToString());
        Assert.Equal(120, verification.Entries);
    }

    [Fact]
    public async Task The_probe_refuses_a_log_that_holds_real_records()
    {
        await using var kit = await AuditKit.StartAsync(DatabaseProvider.Sqlite);
        await kit.DiscloseAsync(3, concurrency: 1);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DisclosureLogProbe.AppendAsync(kit.Host.Services, ProbeWrite.PlainEach, 10, callers: 2, cancellation: AuditKit.Cancellation));

        Assert.Contains("throw-away", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, await kit.Host.Services.GetRequiredService<MerkleLog>().SizeAsync(AuditKit.Cancellation));
    }
}
