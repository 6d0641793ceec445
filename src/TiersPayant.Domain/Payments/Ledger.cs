using System.Globalization;

namespace TiersPayant.Domain.Payments;

/// <summary>What a ledger account stands for.</summary>
public enum LedgerAccountKind
{
    /// <summary>What an insurer owes the platform (a debit balance): its share of accepted invoices, until collected.</summary>
    Insurer,

    /// <summary>What the platform owes a practice (a credit balance): accepted invoices, until paid.</summary>
    Practice,

    /// <summary>Payments instructed to the bank, not yet handed over in a file.</summary>
    Clearing,

    /// <summary>The platform's bank account.</summary>
    Bank,
}

/// <summary>A ledger account: an insurer's, a practice's, or one of the platform's own.</summary>
public readonly record struct LedgerAccount
{
    private LedgerAccount(LedgerAccountKind kind, string key) => (Kind, Key) = (kind, key);

    /// <summary>What it stands for.</summary>
    public LedgerAccountKind Kind { get; }

    /// <summary>The insurer's AMC number, the practice's identifier (32 hex digits), or <c>platform</c>.</summary>
    public string Key { get; }

    /// <summary>The platform's clearing account.</summary>
    public static LedgerAccount Clearing { get; } = new(LedgerAccountKind.Clearing, "platform");

    /// <summary>The platform's bank account.</summary>
    public static LedgerAccount Bank { get; } = new(LedgerAccountKind.Bank, "platform");

    /// <summary>An insurer's account.</summary>
    public static LedgerAccount Insurer(string amc) =>
        string.IsNullOrWhiteSpace(amc) || amc.Contains(':', StringComparison.Ordinal)
            ? throw new ArgumentException("an AMC number is required", nameof(amc))
            : new(LedgerAccountKind.Insurer, amc);

    /// <summary>A practice's account.</summary>
    public static LedgerAccount Practice(Guid practice) => new(LedgerAccountKind.Practice, practice.ToString("N"));

    /// <summary>As stored: <c>insurer:775000012</c>, <c>practice:0193…</c>, <c>clearing:platform</c>, <c>bank:platform</c>.</summary>
    public string Code => Kind switch
    {
        LedgerAccountKind.Insurer => "insurer:" + Key,
        LedgerAccountKind.Practice => "practice:" + Key,
        LedgerAccountKind.Clearing => "clearing:" + Key,
        LedgerAccountKind.Bank => "bank:" + Key,
        _ => throw new InvalidOperationException("unknown ledger account kind"),
    };

    /// <summary>The account of a stored code.</summary>
    public static LedgerAccount Parse(string code)
    {
        var parts = code.Split(':', 2);
        return parts switch
        {
            ["insurer", var amc] => Insurer(amc),
            ["practice", var id] when Guid.TryParseExact(id, "N", out var practice) => Practice(practice),
            ["clearing", "platform"] => Clearing,
            ["bank", "platform"] => Bank,
            _ => throw new FormatException("not a ledger account code"),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Code;
}

/// <summary>One side of a journal entry: an amount debited or credited to an account.</summary>
/// <param name="Account">The account.</param>
/// <param name="DebitCents">Debited, or 0.</param>
/// <param name="CreditCents">Credited, or 0.</param>
public sealed record JournalLine(LedgerAccount Account, long DebitCents, long CreditCents)
{
    /// <summary>A debit.</summary>
    public static JournalLine Debit(LedgerAccount account, long cents) => new(account, cents, 0);

    /// <summary>A credit.</summary>
    public static JournalLine Credit(LedgerAccount account, long cents) => new(account, 0, cents);
}

/// <summary>
/// A journal entry: lines whose debits equal their credits, each line one side only and positive.
/// Built only through <see cref="Create"/>, so an unbalanced entry cannot exist; a correction is a
/// new entry (<see cref="Reversal"/>), never an edit.
/// </summary>
public sealed class JournalEntry
{
    private JournalEntry(string kind, IReadOnlyList<JournalLine> lines, long total) => (Kind, Lines, TotalCents) = (kind, lines, total);

    /// <summary>Why it was written (<see cref="JournalKinds"/>).</summary>
    public string Kind { get; }

    /// <summary>Its lines, in order.</summary>
    public IReadOnlyList<JournalLine> Lines { get; }

    /// <summary>The sum of its debits (equal to the sum of its credits).</summary>
    public long TotalCents { get; }

    /// <summary>An entry of these lines.</summary>
    /// <exception cref="ArgumentException">No line, a line with both sides, a negative or empty side, or debits unequal to credits.</exception>
    /// <exception cref="OverflowException">The sums do not fit in 64 bits.</exception>
    public static JournalEntry Create(string kind, IReadOnlyList<JournalLine> lines)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        if (lines.Count < 2)
        {
            throw new ArgumentException("a journal entry has at least two lines", nameof(lines));
        }

        long debits = 0, credits = 0;
        foreach (var line in lines)
        {
            if (line.DebitCents < 0 || line.CreditCents < 0 || (line.DebitCents == 0) == (line.CreditCents == 0))
            {
                throw new ArgumentException("each line debits or credits a positive amount, not both", nameof(lines));
            }

            debits = checked(debits + line.DebitCents);
            credits = checked(credits + line.CreditCents);
        }

        return debits == credits
            ? new JournalEntry(kind, [.. lines], debits)
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"debits ({debits}) and credits ({credits}) differ"), nameof(lines));
    }

    /// <summary>The entry that cancels this one: each line on the other side.</summary>
    public JournalEntry Reversal(string kind) =>
        Create(kind, [.. Lines.Select(l => new JournalLine(l.Account, l.CreditCents, l.DebitCents))]);
}

/// <summary>The kinds of journal entries.</summary>
public static class JournalKinds
{
    /// <summary>An invoice accepted: the insurer owes its share, the platform owes it to the practice.</summary>
    public const string ClaimAccepted = "claim-accepted";

    /// <summary>An accepted invoice cancelled, before or after it was paid: the acceptance reversed.</summary>
    public const string ClaimCancelled = "claim-cancelled";

    /// <summary>A practice's payment prepared in a run: owed to it no more, instructed to the bank.</summary>
    public const string PaymentPrepared = "payment-prepared";

    /// <summary>A run's file handed over: the instructed payments leave the bank account.</summary>
    public const string PaymentIssued = "payment-issued";

    /// <summary>An insurer's statement collected: the insurer owes that much less.</summary>
    public const string InsurerCollected = "insurer-collected";
}

/// <summary>The posting rules: which entry each business event writes. Amounts in cents, all positive.</summary>
public static class Postings
{
    /// <summary>Invoice accepted with <paramref name="insurerCents"/> as the insurer's share; null when that share is 0.</summary>
    public static JournalEntry? ClaimAccepted(string insurer, Guid practice, long insurerCents) => insurerCents == 0 ? null
        : JournalEntry.Create(JournalKinds.ClaimAccepted,
            [JournalLine.Debit(LedgerAccount.Insurer(insurer), insurerCents), JournalLine.Credit(LedgerAccount.Practice(practice), insurerCents)]);

    /// <summary>An accepted invoice cancelled: its acceptance reversed (if paid, the practice owes it back: its next payment is that much less).</summary>
    public static JournalEntry? ClaimCancelled(string insurer, Guid practice, long insurerCents) =>
        ClaimAccepted(insurer, practice, insurerCents)?.Reversal(JournalKinds.ClaimCancelled);

    /// <summary>A practice's payment of <paramref name="cents"/> prepared.</summary>
    public static JournalEntry PaymentPrepared(Guid practice, long cents) => JournalEntry.Create(JournalKinds.PaymentPrepared,
        [JournalLine.Debit(LedgerAccount.Practice(practice), cents), JournalLine.Credit(LedgerAccount.Clearing, cents)]);

    /// <summary>A run's file of <paramref name="cents"/> in all handed over.</summary>
    public static JournalEntry PaymentIssued(long cents) => JournalEntry.Create(JournalKinds.PaymentIssued,
        [JournalLine.Debit(LedgerAccount.Clearing, cents), JournalLine.Credit(LedgerAccount.Bank, cents)]);

    /// <summary>An insurer's statement of <paramref name="cents"/> collected.</summary>
    public static JournalEntry InsurerCollected(string insurer, long cents) => JournalEntry.Create(JournalKinds.InsurerCollected,
        [JournalLine.Debit(LedgerAccount.Bank, cents), JournalLine.Credit(LedgerAccount.Insurer(insurer), cents)]);
}
