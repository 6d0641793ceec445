namespace TiersPayant.Payments.Sepa;

/// <summary>
/// The payments to professionals that one SEPA credit-transfer file orders, all debited from the
/// platform's account (<paramref name="Debtor"/>) on <paramref name="ExecutionDate"/>.
/// </summary>
/// <param name="MessageId">Unique per file; also the file's single payment information id.</param>
/// <param name="CreatedAt">When the file was made.</param>
/// <param name="ExecutionDate">The date the platform's bank is asked to debit the account.</param>
/// <param name="Debtor">The platform.</param>
/// <param name="Transfers">At least one.</param>
internal sealed record CreditTransferBatch(
    string MessageId,
    DateTimeOffset CreatedAt,
    DateOnly ExecutionDate,
    Party Debtor,
    IReadOnlyList<CreditTransfer> Transfers);

/// <summary>One payment to a practice.</summary>
/// <param name="EndToEndId">The platform's reference, returned on the practice's statement and in returns.</param>
/// <param name="Creditor">The practice's name.</param>
/// <param name="Iban">The practice's account.</param>
/// <param name="Bic">The practice's bank; optional in SEPA, the IBAN being enough.</param>
/// <param name="AmountCents">Euro cents, from 1 to 99,999,999,999.</param>
/// <param name="Remittance">Unstructured text for the practice, cut to 140 characters.</param>
internal sealed record CreditTransfer(
    string EndToEndId,
    string Creditor,
    string Iban,
    string? Bic,
    long AmountCents,
    string Remittance);
