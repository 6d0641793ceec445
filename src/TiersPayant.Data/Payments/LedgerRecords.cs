namespace TiersPayant.Data.Payments;

/// <summary>
/// A journal entry of the double-entry ledger, written in the same transaction as the business
/// change it records (an invoice accepted or cancelled, a payment prepared, a file issued, an
/// insurer's statement collected). Never updated nor deleted: a correction is a new entry.
/// </summary>
public sealed class JournalEntryRecord
{
    public Guid Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>One of <see cref="Domain.Payments.JournalKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The invoice, payment run or statement number it records.</summary>
    public required string Reference { get; set; }

    public Guid? ClaimId { get; set; }

    public Guid? PaymentId { get; set; }

    public Guid? RunId { get; set; }

    public Guid? StatementId { get; set; }

    /// <summary>The sum of its debits, equal to the sum of its credits.</summary>
    public long TotalCents { get; set; }

    public List<JournalLineRecord> Lines { get; set; } = [];
}

/// <summary>One side of an entry: an account debited or credited.</summary>
public sealed class JournalLineRecord
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    /// <summary>The account's code (<see cref="Domain.Payments.LedgerAccount.Code"/>).</summary>
    public required string Account { get; set; }

    public long DebitCents { get; set; }

    public long CreditCents { get; set; }
}
