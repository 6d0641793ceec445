namespace TiersPayant.Data.Payments;

/// <summary>
/// A payment run: every accepted, unpaid invoice up to its cut-off, gathered per practice, then
/// one SEPA credit-transfer file. <see cref="Status"/> moves preparing → prepared → written; a run
/// stopped on the way is taken up where it stopped by the next <c>tiers payments run</c>.
/// </summary>
public sealed class PaymentRunRecord
{
    public Guid Id { get; set; }

    /// <summary>The run's number, also the file's message identifier: <c>RUN-yyyyMMdd-HHmmss</c>.</summary>
    public required string Number { get; set; }

    /// <summary><c>preparing</c>, <c>prepared</c> or <c>written</c>.</summary>
    public required string Status { get; set; }

    /// <summary>UTC: invoices accepted after it wait for the next run.</summary>
    public DateTime Cutoff { get; set; }

    /// <summary>UTC.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>UTC; also the file's creation time, so that writing it again gives the same bytes.</summary>
    public DateTime? PreparedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? WrittenAt { get; set; }

    /// <summary>The day the bank is asked to execute the transfers (a working day).</summary>
    public DateOnly ExecutionDate { get; set; }

    /// <summary>Who started it: an operator's login, <c>cli</c> or <c>schedule</c>.</summary>
    public required string StartedBy { get; set; }

    /// <summary>The file under <c>DATA/payments/</c>, once written; null when nothing was due.</summary>
    public string? FileName { get; set; }

    /// <summary>SHA-256 of the file.</summary>
    public byte[]? FileSha256 { get; set; }

    /// <summary>Transfers in the file.</summary>
    public int TransferCount { get; set; }

    /// <summary>Their sum.</summary>
    public long TotalCents { get; set; }

    /// <summary>Practices left out of this run and why, one per line: <c>practiceId reason</c>.</summary>
    public string Skipped { get; set; } = string.Empty;
}

/// <summary>What one practice receives in a run, and its remittance statement.</summary>
public sealed class PaymentRecord
{
    public Guid Id { get; set; }

    public Guid RunId { get; set; }

    public Guid PracticeId { get; set; }

    /// <summary>The transfer's end-to-end identifier, also the remittance reference the practice sees on its bank statement.</summary>
    public required string Reference { get; set; }

    /// <summary>Paid lines less recovered ones; 0 for a statement of rejections only.</summary>
    public long AmountCents { get; set; }

    /// <summary>The practice's account at the time of the run.</summary>
    public string? Iban { get; set; }

    public string? Bic { get; set; }

    /// <summary>The practice's name at the time of the run (the creditor in the file).</summary>
    public required string Creditor { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public List<PaymentLineRecord> Lines { get; set; } = [];
}

/// <summary>
/// One invoice in a payment: paid (its insurer share), rejected (0, with the reasons) or
/// recovered (a paid invoice cancelled since: minus its share). An invoice has at most one line of
/// each kind, so it is never paid twice.
/// </summary>
public sealed class PaymentLineRecord
{
    public Guid Id { get; set; }

    public Guid PaymentId { get; set; }

    public Guid ClaimId { get; set; }

    /// <summary><c>paid</c>, <c>rejected</c> or <c>recovered</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>Signed: negative for a recovery.</summary>
    public long AmountCents { get; set; }
}

/// <summary>
/// A lease on a job that must run once at a time across every node (the payment run): held
/// until <see cref="ExpiresAt"/>, renewed while the job runs, taken over once expired or when the
/// holder, on this machine, is no longer running.
/// </summary>
public sealed class LeaseRecord
{
    public required string Name { get; set; }

    /// <summary><c>host/pid/start</c> of the holder.</summary>
    public required string Holder { get; set; }

    /// <summary>UTC.</summary>
    public DateTime AcquiredAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ExpiresAt { get; set; }
}
