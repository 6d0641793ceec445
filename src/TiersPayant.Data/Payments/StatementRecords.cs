namespace TiersPayant.Data.Payments;

/// <summary>
/// What an insurer owes for a billing run: its share of every invoice paid on its behalf since
/// its last statement, less what was recovered. Collected by SEPA direct debit under its mandate,
/// or, without a mandate, a statement the insurer pays against.
/// </summary>
public sealed class InsurerStatementRecord
{
    public Guid Id { get; set; }

    /// <summary><c>BILL-yyyyMMdd-HHmmss-fff-AMC</c>; also the direct debit's end-to-end reference.</summary>
    public required string Number { get; set; }

    /// <summary>The billing run (one direct-debit file per run).</summary>
    public required string Run { get; set; }

    public required string InsurerAmc { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public long TotalCents { get; set; }

    public int LineCount { get; set; }

    /// <summary><c>direct-debit</c> (in the run's file), or <c>to-pay</c> (no mandate: the insurer pays against the statement).</summary>
    public required string Settlement { get; set; }

    /// <summary>The day the insurer's account is debited, for a direct debit.</summary>
    public DateOnly? CollectionDate { get; set; }

    /// <summary>The run's direct-debit file under <c>DATA/billing/</c>, once written.</summary>
    public string? FileName { get; set; }

    public List<InsurerStatementLineRecord> Lines { get; set; } = [];
}

/// <summary>One invoice on a statement: <c>paid</c> (its share) or <c>recovered</c> (minus its share). Billed once of each kind.</summary>
public sealed class InsurerStatementLineRecord
{
    public Guid Id { get; set; }

    public Guid StatementId { get; set; }

    public Guid ClaimId { get; set; }

    public required string Kind { get; set; }

    public long AmountCents { get; set; }
}
