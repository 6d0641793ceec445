using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Payments;

public sealed class InsurerBillingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_insurer_is_billed_once_for_what_was_paid_on_its_behalf_by_direct_debit_or_a_statement_to_pay(DatabaseProvider provider)
    {
        await using var kit = await PaymentsKit.StartAsync(provider);
        var invoices = await kit.InvoicesAsync(24);
        var insurers = invoices.Select(c => c.InsurerAmc!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(insurers.Count >= 2, "the demo's people belong to several insurers");
        var withoutMandate = insurers[0];
        await using (var db = kit.Database.OpenContext())
        {
            await db.Insurers.Where(i => i.Amc == withoutMandate).ExecuteUpdateAsync(s => s.SetProperty(i => i.MandateId, (string?)null), Cancellation);
        }

        var nothingPaidYet = await kit.Database.RunAsync("billing", "run");
        Assert.Equal(0, (await kit.RunAsync()).ExitCode);
        var billed = await kit.Database.RunAsync("billing", "run");
        var again = await kit.Database.RunAsync("billing", "run");

        Assert.Contains("nothing to bill", nothingPaidYet.Output, StringComparison.Ordinal);
        Assert.True(billed.ExitCode == 0, billed.Output + billed.Error);
        Assert.Contains($"note: insurer {withoutMandate}: mandate-missing", billed.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to bill", again.Output, StringComparison.Ordinal);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(kit.Database.DataDirectory, "billing"), "*.xml"));
        var bytes = await File.ReadAllBytesAsync(file, Cancellation);
        SepaSchemas.AssertValid(bytes, SepaSchemas.DirectDebit);
        var xml = XDocument.Load(new MemoryStream(bytes));
        XNamespace ns = xml.Root!.Name.Namespace;
        var debits = xml.Descendants(ns + "DrctDbtTxInf").ToList();
        Assert.Equal(insurers.Count - 1, debits.Count);
        var collected = debits.Sum(d => (long)(decimal.Parse(d.Element(ns + "InstdAmt")!.Value, System.Globalization.CultureInfo.InvariantCulture) * 100));
        Assert.Equal(invoices.Where(c => c.InsurerAmc != withoutMandate).Sum(c => c.AmcCents), collected);
        await using (var db = kit.Database.OpenContext())
        {
            var statements = await db.InsurerStatements.Include(s => s.Lines).ToListAsync(Cancellation);
            Assert.Equal(insurers.Count, statements.Count);
            Assert.Equal("to-pay", statements.Single(s => s.InsurerAmc == withoutMandate).Settlement);
            Assert.All(statements, s => Assert.Equal(invoices.Where(c => c.InsurerAmc == s.InsurerAmc).Sum(c => c.AmcCents), s.TotalCents));
            Assert.Equal(invoices.Count, statements.Sum(s => s.Lines.Count));
        }

        var check = await kit.CheckAsync();
        Assert.True(check.ExitCode == 0, check.Output);
    }

    [Fact]
    public async Task A_recovery_is_credited_to_the_insurer_on_its_next_statement()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        var practice = kit.Practices[0];
        var first = await kit.InvoiceAsync(practice, 10_000);
        Assert.Equal(0, (await kit.RunAsync()).ExitCode);
        Assert.Equal(0, (await kit.Database.RunAsync("billing", "run")).ExitCode);
        await kit.CancelAsync(first);
        await kit.InvoiceAsync(practice, 25_000, ofInsurer: first.InsurerAmc);
        Assert.Equal(0, (await kit.RunAsync()).ExitCode);

        var billed = await kit.Database.RunAsync("billing", "run");

        Assert.True(billed.ExitCode == 0, billed.Output + billed.Error);
        await using (var db = kit.Database.OpenContext())
        {
            var recovered = await db.InsurerStatementLines.SingleAsync(l => l.ClaimId == first.Id && l.Kind == "recovered", Cancellation);
            Assert.Equal(-10_000, recovered.AmountCents);
        }

        var check = await kit.CheckAsync();
        Assert.True(check.ExitCode == 0, check.Output);
    }
}
