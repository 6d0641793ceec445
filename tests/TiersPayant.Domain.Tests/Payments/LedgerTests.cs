using CsCheck;
using TiersPayant.Domain.Payments;

namespace TiersPayant.Domain.Tests.Payments;

public class LedgerTests
{
    private static readonly Guid Optician = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");

    [Fact]
    public void An_accepted_invoice_makes_the_insurer_owe_and_the_platform_owe_the_practice()
    {
        var entry = Postings.ClaimAccepted("775000012", Optician, 12_345)!;

        Assert.Equal(JournalKinds.ClaimAccepted, entry.Kind);
        Assert.Equal(12_345, entry.TotalCents);
        Assert.Equal(
            [("insurer:775000012", 12_345L, 0L), ("practice:" + Optician.ToString("N"), 0L, 12_345L)],
            entry.Lines.Select(l => (l.Account.Code, l.DebitCents, l.CreditCents)));
    }

    [Fact]
    public void A_cancellation_reverses_the_acceptance_line_for_line()
    {
        var accepted = Postings.ClaimAccepted("775000012", Optician, 500)!;
        var cancelled = Postings.ClaimCancelled("775000012", Optician, 500)!;

        Assert.Equal(JournalKinds.ClaimCancelled, cancelled.Kind);
        Assert.Equal(accepted.Lines.Select(l => (l.Account, l.CreditCents, l.DebitCents)), cancelled.Lines.Select(l => (l.Account, l.DebitCents, l.CreditCents)));
    }

    [Fact]
    public void An_invoice_the_insurer_pays_nothing_of_writes_no_entry() =>
        Assert.Null(Postings.ClaimAccepted("775000012", Optician, 0));

    [Theory]
    [InlineData(100, 99)]
    [InlineData(-5, -5)]
    [InlineData(0, 0)]
    public void An_unbalanced_negative_or_empty_entry_cannot_be_made(long debit, long credit) =>
        Assert.Throws<ArgumentException>(() => JournalEntry.Create("test",
            [new JournalLine(LedgerAccount.Bank, debit, 0), new JournalLine(LedgerAccount.Clearing, 0, credit)]));

    [Fact]
    public void A_line_on_both_sides_or_an_entry_of_one_line_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => JournalEntry.Create("test", [new JournalLine(LedgerAccount.Bank, 5, 5), new JournalLine(LedgerAccount.Clearing, 0, 0)]));
        Assert.Throws<ArgumentException>(() => JournalEntry.Create("test", [JournalLine.Debit(LedgerAccount.Bank, 5)]));
    }

    [Fact]
    public void Sums_that_overflow_are_refused_rather_than_wrapped() =>
        Assert.Throws<OverflowException>(() => JournalEntry.Create("test",
            [JournalLine.Debit(LedgerAccount.Bank, long.MaxValue), JournalLine.Debit(LedgerAccount.Bank, 1), JournalLine.Credit(LedgerAccount.Clearing, 1)]));

    [Theory]
    [InlineData("insurer:775000012")]
    [InlineData("practice:0193a1b2000070008000000000000001")]
    [InlineData("clearing:platform")]
    [InlineData("bank:platform")]
    public void Account_codes_read_back_to_the_same_account(string code) =>
        Assert.Equal(code, LedgerAccount.Parse(code).Code);

    [Theory]
    [InlineData("insurer:")]
    [InlineData("practice:not-a-guid")]
    [InlineData("bank:elsewhere")]
    [InlineData("savings:platform")]
    public void Unknown_account_codes_are_refused(string code) =>
        Assert.ThrowsAny<Exception>(() => LedgerAccount.Parse(code));

    /// <summary>
    /// Any sequence of the business events: every entry balances, so the trial balance is zero;
    /// and the practice's account holds exactly what is accepted and not yet paid, less what was
    /// paid and cancelled since.
    /// </summary>
    [Fact]
    public void Any_sequence_of_invoices_cancellations_and_payments_keeps_the_books_balanced()
    {
        var events = Gen.Select(Gen.Int[0, 3], Gen.Long[1, 1_000_000_000]).Array[1, 80];
        events.Sample(sequence =>
        {
            var entries = new List<JournalEntry>();
            var open = new List<long>();      // accepted, unpaid
            var paid = new List<long>();      // accepted and paid
            long recoverable = 0;
            foreach (var (action, amount) in sequence)
            {
                switch (action)
                {
                    case 0:
                        entries.Add(Postings.ClaimAccepted("775000012", Optician, amount)!);
                        open.Add(amount);
                        break;
                    case 1 when open.Count > 0:
                        entries.Add(Postings.ClaimCancelled("775000012", Optician, open[^1])!);
                        open.RemoveAt(open.Count - 1);
                        break;
                    case 2 when paid.Count > 0:
                        entries.Add(Postings.ClaimCancelled("775000012", Optician, paid[^1])!);
                        recoverable += paid[^1];
                        paid.RemoveAt(paid.Count - 1);
                        break;
                    case 3 when open.Sum() - recoverable > 0:
                        var net = open.Sum() - recoverable;
                        entries.Add(Postings.PaymentPrepared(Optician, net));
                        entries.Add(Postings.PaymentIssued(net));
                        paid.AddRange(open);
                        open.Clear();
                        recoverable = 0;
                        break;
                    default:
                        break;
                }
            }

            var balances = entries.SelectMany(e => e.Lines).GroupBy(l => l.Account).ToDictionary(g => g.Key, g => g.Sum(l => l.DebitCents - l.CreditCents));
            Assert.Equal(0, balances.Values.Sum());
            Assert.Equal(open.Sum() - recoverable, -balances.GetValueOrDefault(LedgerAccount.Practice(Optician)));
            Assert.Equal(0, balances.GetValueOrDefault(LedgerAccount.Clearing));
            Assert.Equal(open.Sum() + paid.Sum(), balances.GetValueOrDefault(LedgerAccount.Insurer("775000012")));
        });
    }
}
