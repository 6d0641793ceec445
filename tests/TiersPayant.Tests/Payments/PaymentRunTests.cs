using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Payments;
using TiersPayant.Domain.Claims;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Payments;

public sealed class PaymentRunTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_run_pays_each_practice_its_accepted_invoices_in_one_valid_file_and_the_next_run_pays_nothing(DatabaseProvider provider)
    {
        await using var kit = await PaymentsKit.StartAsync(provider);
        var accepted = await kit.InvoicesAsync(40);
        var rejected = await kit.InvoiceAsync(kit.Practices[0], 0, ClaimStatus.Rejected);
        var withdrawn = await kit.InvoiceAsync(kit.Practices[1], 4_200);
        await kit.CancelAsync(withdrawn);

        var run = await kit.RunAsync();
        var again = await kit.RunAsync();

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"{kit.Practices.Count} transfer(s)", run.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains("nothing to pay", again.Output, StringComparison.Ordinal);
        var file = Assert.Single(kit.Files);
        var transfers = kit.Transfers();
        Assert.Equal(kit.Practices.Count, transfers.Count);
        Assert.Equal(accepted.Sum(c => c.AmcCents), transfers.Sum(t => t.Cents));
        await using (var db = kit.Database.OpenContext())
        {
            foreach (var practice in kit.Practices)
            {
                var payment = await db.Payments.Include(p => p.Lines).SingleAsync(p => p.PracticeId == practice, Cancellation);
                Assert.Equal(accepted.Where(c => c.PracticeId == practice).Sum(c => c.AmcCents), transfers.Single(t => t.Reference == payment.Reference).Cents);
                Assert.Equal(payment.AmountCents, payment.Lines.Sum(l => l.AmountCents));
            }

            Assert.Equal("rejected", (await db.PaymentLines.SingleAsync(l => l.ClaimId == rejected.Id, Cancellation)).Kind);
            Assert.False(await db.PaymentLines.AnyAsync(l => l.ClaimId == withdrawn.Id, Cancellation));
            Assert.Equal(accepted.Count, await db.Claims.CountAsync(c => c.PaidAt != null, Cancellation));
        }

        var paidLines = await kit.PaidLinesAsync();
        Assert.All(accepted, c => Assert.Equal(1, paidLines.GetValueOrDefault(c.Id)));
        Assert.Empty(Directory.GetFiles(Path.Combine(kit.Folder, ".partial")));
        Assert.EndsWith(".xml", file, StringComparison.Ordinal);
        var check = await kit.CheckAsync();
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.StartsWith("balanced", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paid_invoice_cancelled_later_is_recovered_from_the_practices_next_payment()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        var optician = kit.Practices[0];
        var first = await kit.InvoiceAsync(optician, 10_000);
        Assert.Equal(0, (await kit.RunAsync()).ExitCode);

        await kit.CancelAsync(first);
        var between = await kit.CheckAsync();
        await kit.InvoiceAsync(optician, 25_000);
        var second = await kit.RunAsync();

        Assert.True(between.ExitCode == 0, between.Output);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Equal([10_000L, 15_000L], kit.Transfers().Select(t => t.Cents));
        await using (var db = kit.Database.OpenContext())
        {
            var recovered = await db.PaymentLines.SingleAsync(l => l.ClaimId == first.Id && l.Kind == "recovered", Cancellation);
            Assert.Equal(-10_000, recovered.AmountCents);
        }

        Assert.Equal(0, (await kit.CheckAsync()).ExitCode);
    }

    [Fact]
    public async Task A_recovery_larger_than_what_is_due_waits_for_the_next_run_and_pays_nothing_meanwhile()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        var optician = kit.Practices[0];
        var first = await kit.InvoiceAsync(optician, 10_000);
        Assert.Equal(0, (await kit.RunAsync()).ExitCode);
        await kit.CancelAsync(first);
        await kit.InvoiceAsync(optician, 3_000);

        var run = await kit.RunAsync();

        Assert.Contains($"left out: practice {optician:D}: recovery-exceeds-due", run.Output, StringComparison.Ordinal);
        Assert.Single(kit.Files);
        Assert.Equal(0, (await kit.CheckAsync()).ExitCode);
    }

    [Fact]
    public async Task A_practice_without_a_valid_iban_is_left_out_with_the_reason_and_paid_by_the_run_after_it_gives_one()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        var (missing, wrong) = (kit.Practices[0], kit.Practices[1]);
        await using (var db = kit.Database.OpenContext())
        {
            await db.Practices.Where(p => p.Id == missing).ExecuteUpdateAsync(s => s.SetProperty(p => p.Iban, (string?)null), Cancellation);
            await db.Practices.Where(p => p.Id == wrong).ExecuteUpdateAsync(s => s.SetProperty(p => p.Iban, "FR7630006000011234567890188"), Cancellation);
        }

        var claims = await kit.InvoicesAsync(12);
        var run = await kit.RunAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"left out: practice {missing:D}: iban-missing", run.Output, StringComparison.Ordinal);
        Assert.Contains($"left out: practice {wrong:D}: iban-checksum", run.Output, StringComparison.Ordinal);
        Assert.Equal(claims.Where(c => c.PracticeId != missing && c.PracticeId != wrong).Sum(c => c.AmcCents), kit.Transfers().Sum(t => t.Cents));
        Assert.Equal(0, (await kit.CheckAsync()).ExitCode);

        await using (var db = kit.Database.OpenContext())
        {
            await db.Practices.Where(p => p.Id == missing || p.Id == wrong).ExecuteUpdateAsync(s => s.SetProperty(p => p.Iban, "FR7630006000011234567890189"), Cancellation);
        }

        var next = await kit.RunAsync();
        Assert.DoesNotContain("left out", next.Output, StringComparison.Ordinal);
        Assert.Equal(2, kit.Files.Length);
        Assert.Equal(claims.Sum(c => c.AmcCents), kit.Transfers().Sum(t => t.Cents));
        Assert.Equal(0, (await kit.CheckAsync()).ExitCode);
    }

    [Fact]
    public async Task A_practice_whose_name_no_sepa_file_can_carry_is_left_out_rather_than_stopping_everyone_s_payment()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        var unwritable = kit.Practices[0];
        await using (var db = kit.Database.OpenContext())
        {
            await db.Practices.Where(p => p.Id == unwritable).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "\u200B\u2060\u200B"), Cancellation);
        }

        var claims = await kit.InvoicesAsync(8);
        var run = await kit.RunAsync();

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"left out: practice {unwritable:D}: name-unwritable", run.Output, StringComparison.Ordinal);
        Assert.Equal(claims.Where(c => c.PracticeId != unwritable).Sum(c => c.AmcCents), kit.Transfers().Sum(t => t.Cents));
    }

    [Fact]
    public async Task A_run_is_refused_while_another_node_holds_the_lease_and_takes_an_expired_one()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        await kit.InvoicesAsync(3);
        await using (var db = kit.Database.OpenContext())
        {
            db.Leases.Add(new LeaseRecord { Name = "payments-run", Holder = "node-b/4242/1/abcd", AcquiredAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddMinutes(1) });
            await db.SaveChangesAsync(Cancellation);
        }

        var refused = await kit.RunAsync();
        var filesWhileHeld = kit.Files;
        await using (var db = kit.Database.OpenContext())
        {
            await db.Leases.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)), Cancellation);
        }

        var taken = await kit.RunAsync();

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("another payment run is under way (node-b/4242/1/abcd)", refused.Error, StringComparison.Ordinal);
        Assert.Empty(filesWhileHeld);
        Assert.True(taken.ExitCode == 0, taken.Error);
        Assert.Single(kit.Files);
    }

    [Fact]
    public async Task The_platforms_own_account_must_be_valid_before_anything_is_paid()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        await kit.InvoicesAsync(2);
        kit.Database.Settings["Payments:DebtorIban"] = "FR76300060000112345678901";

        var run = await kit.RunAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Payments:DebtorIban: length", run.Error, StringComparison.Ordinal);
        Assert.Empty(kit.Files);
        Assert.Empty(await kit.PaidLinesAsync());
    }

    [Fact]
    public async Task The_ledger_check_names_an_unbalanced_entry_and_an_invoice_marked_paid_without_a_payment()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        var claims = await kit.InvoicesAsync(4);
        await using (var db = kit.Database.OpenContext())
        {
            var entry = new JournalEntryRecord { Id = Guid.CreateVersion7(), OccurredAt = DateTime.UtcNow, Kind = "claim-accepted", Reference = "FAC-FORGED", TotalCents = 500 };
            entry.Lines.Add(new JournalLineRecord { Id = Guid.CreateVersion7(), EntryId = entry.Id, Account = "bank:platform", DebitCents = 500 });
            entry.Lines.Add(new JournalLineRecord { Id = Guid.CreateVersion7(), EntryId = entry.Id, Account = "clearing:platform", CreditCents = 400 });
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(Cancellation);
            await db.Claims.Where(c => c.Id == claims[0].Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PaidAt, DateTime.UtcNow), Cancellation);
        }

        var check = await kit.CheckAsync();

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("entry FAC-FORGED (claim-accepted) does not balance: debits 500, credits 400", check.Output, StringComparison.Ordinal);
        Assert.Contains($"invoice {claims[0].Number}: marked paid with 0 paid line(s)", check.Output, StringComparison.Ordinal);
        Assert.Contains("not balanced", check.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_ledger_is_append_only_in_the_database(DatabaseProvider provider)
    {
        await using var kit = await PaymentsKit.StartAsync(provider);
        await kit.InvoicesAsync(1);
        await using var db = kit.Database.OpenContext();

        await Assert.ThrowsAnyAsync<Exception>(() => db.JournalLines.ExecuteUpdateAsync(s => s.SetProperty(l => l.DebitCents, 1), Cancellation));
        await Assert.ThrowsAnyAsync<Exception>(() => db.JournalLines.ExecuteDeleteAsync(Cancellation));
        Assert.Equal(2, await db.JournalLines.CountAsync(l => l.DebitCents > 0 || l.CreditCents > 0, Cancellation));
    }
}
