namespace TiersPayant.Payments.Sepa;

/// <summary>
/// The collections from insurers that one SEPA core direct-debit file orders, credited to the
/// platform's account (<paramref name="Creditor"/>) on <paramref name="CollectionDate"/>.
/// </summary>
/// <param name="MessageId">Unique per file; also the file's single payment information id.</param>
/// <param name="CreatedAt">When the file was made.</param>
/// <param name="CollectionDate">The date the insurers' accounts are to be debited.</param>
/// <param name="Creditor">The platform.</param>
/// <param name="CreditorSchemeId">The platform's SEPA creditor identifier, e.g. FR72ZZZ123456.</param>
/// <param name="Debits">At least one.</param>
internal sealed record DirectDebitBatch(
    string MessageId,
    DateTimeOffset CreatedAt,
    DateOnly CollectionDate,
    Party Creditor,
    string CreditorSchemeId,
    IReadOnlyList<DirectDebit> Debits);

/// <summary>One collection from an insurer under the mandate it signed.</summary>
/// <param name="EndToEndId">The platform's reference, returned on the insurer's statement and in returns.</param>
/// <param name="Debtor">The insurer's name.</param>
/// <param name="Iban">The insurer's account.</param>
/// <param name="Bic">The insurer's bank; when unknown the file says NOTPROVIDED.</param>
/// <param name="MandateId">The unique mandate reference.</param>
/// <param name="MandateSignedOn">The date the insurer signed the mandate; not after the collection date.</param>
/// <param name="AmountCents">Euro cents, from 1 to 99,999,999,999.</param>
/// <param name="Remittance">Unstructured text for the insurer, cut to 140 characters.</param>
internal sealed record DirectDebit(
    string EndToEndId,
    string Debtor,
    string Iban,
    string? Bic,
    string MandateId,
    DateOnly MandateSignedOn,
    long AmountCents,
    string Remittance);
