using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Payments;

/// <summary>
/// <c>tiers payments run</c> as a real child process, killed with SIGKILL at several points of
/// its run (while it prepares, once prepared, once written), then run again: every invoice is
/// paid exactly once, every file a bank could pick up is whole and valid, and the books balance.
/// </summary>
public sealed class PaymentRunKillTests(ITestOutputHelper output)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Kill once this stage line is printed, after this long.</summary>
    private static readonly (string Stage, int AfterMilliseconds)[] Points =
        [("preparing", 0), ("preparing", 150), ("preparing", 400), ("prepared", 0), ("prepared", 30), ("written", 0)];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_run_killed_anywhere_and_run_again_pays_every_invoice_exactly_once(DatabaseProvider provider)
    {
        await using var kit = await PaymentsKit.StartAsync(provider, practices: 12);
        kit.Database.Settings["Payments:PracticesPerTransaction"] = "1";
        var invoices = new List<Data.Claims.ClaimRecord>();
        foreach (var (stage, after) in Points)
        {
            invoices.AddRange(await kit.InvoicesAsync(60));
            var killed = await KillAsync(kit, stage, after);
            output.WriteLine($"killed after '{stage}' + {after} ms: {killed}");
        }

        var last = await kit.RunAsync();

        Assert.True(last.ExitCode == 0, last.Output + last.Error);
        var paid = await kit.PaidLinesAsync();
        Assert.All(invoices, c => Assert.Equal(1, paid.GetValueOrDefault(c.Id)));
        Assert.Equal(invoices.Count, paid.Count);
        var transfers = kit.Transfers(); // every file in the pick-up folder is whole and valid
        Assert.Equal(transfers.Count, transfers.Select(t => t.Reference).Distinct().Count());
        Assert.Equal(invoices.Sum(c => c.AmcCents), transfers.Sum(t => t.Cents));
        await using (var db = kit.Database.OpenContext())
        {
            Assert.Equal(await db.Payments.Where(p => p.AmountCents > 0).SumAsync(p => p.AmountCents, Cancellation), transfers.Sum(t => t.Cents));
            Assert.False(await db.PaymentRuns.AnyAsync(r => r.Status != "written", Cancellation));
        }

        var check = await kit.CheckAsync();
        Assert.True(check.ExitCode == 0, check.Output);
    }

    /// <summary>Starts the run in a child process and kills it (SIGKILL) once it printed <paramref name="stage"/>; what it printed.</summary>
    private static async Task<string> KillAsync(PaymentsKit kit, string stage, int afterMilliseconds)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = kit.Database.DataDirectory,
        };
        foreach (var argument in new[] { "exec", typeof(TiersPayant.Cli.TiersCli).Assembly.Location, "payments", "run", "--data", kit.Database.DataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in kit.Database.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var child = Process.Start(start)!;
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var printed = new System.Text.StringBuilder();
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                seen.TrySetResult();
                return;
            }

            lock (printed)
            {
                printed.AppendLine(e.Data);
            }

            if (e.Data.EndsWith(": " + stage, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        };
        child.ErrorDataReceived += (_, e) =>
        {
            lock (printed)
            {
                printed.AppendLine(e.Data);
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        await seen.Task.WaitAsync(TimeSpan.FromMinutes(2), Cancellation);
        if (afterMilliseconds > 0)
        {
            await Task.Delay(afterMilliseconds, Cancellation);
        }

        var wasRunning = !child.HasExited;
        if (wasRunning)
        {
            child.Kill(entireProcessTree: true); // SIGKILL: no finally block, no lease released
        }

        await child.WaitForExitAsync(Cancellation);
        lock (printed)
        {
            return (wasRunning ? "killed; " : $"had ended ({child.ExitCode}); ") + printed.ToString().ReplaceLineEndings(" | ");
        }
    }
}
