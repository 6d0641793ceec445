using System.Xml.Linq;

namespace TiersPayant.Payments.Sepa;

/// <summary>
/// The SEPA core direct-debit file (ISO 20022 pain.008.001.02) that bills insurers under their
/// mandates: one group header, one payment information block crediting the platform's account
/// as a single booking (recurrent collections), and one transaction per debit.
/// </summary>
internal static class DirectDebitFile
{
    /// <summary>The schema's namespace.</summary>
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02";

    /// <summary>What the debtor agent says when the debtor's BIC is not known (EPC).</summary>
    public const string NotProvided = "NOTPROVIDED";

    private static readonly XNamespace Ns = Namespace;

    /// <summary>
    /// The file of <paramref name="batch"/>, UTF-8 XML. Every field is checked before anything is
    /// written: an <see cref="ArgumentException"/> names the first one that cannot be sent.
    /// </summary>
    public static byte[] Write(DirectDebitBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var messageId = SepaFields.Id(batch.MessageId, nameof(batch.MessageId));
        var creditor = batch.Creditor ?? throw new ArgumentException("The creditor is missing.", nameof(batch.Creditor));
        var creditorName = SepaFields.Name(creditor.Name, "Creditor.Name");
        var creditorIban = SepaFields.Iban(creditor.Iban, "Creditor.Iban");
        var creditorBic = SepaFields.Bic(creditor.Bic, "Creditor.Bic", SepaFields.Bic2009());
        var schemeId = SepaFields.CreditorSchemeId(batch.CreditorSchemeId, nameof(batch.CreditorSchemeId));
        var sum = SepaXml.Amount(SepaFields.Sum(batch.Debits, d => d.AmountCents, nameof(batch.Debits)));
        var count = SepaXml.Count(batch.Debits.Count);
        var transactions = batch.Debits.Select((debit, i) => Transaction(debit, batch.CollectionDate, $"{nameof(batch.Debits)}[{i}]")).ToList();

        var document = new XDocument(
            E("Document",
                E("CstmrDrctDbtInitn",
                    E("GrpHdr",
                        E("MsgId", messageId),
                        E("CreDtTm", SepaXml.Timestamp(batch.CreatedAt)),
                        E("NbOfTxs", count),
                        E("CtrlSum", sum),
                        E("InitgPty", E("Nm", creditorName))),
                    E("PmtInf",
                        E("PmtInfId", messageId),
                        E("PmtMtd", "DD"),
                        E("BtchBookg", "true"),
                        E("NbOfTxs", count),
                        E("CtrlSum", sum),
                        E("PmtTpInf",
                            E("SvcLvl", E("Cd", "SEPA")),
                            E("LclInstrm", E("Cd", "CORE")),
                            E("SeqTp", "RCUR")),
                        E("ReqdColltnDt", SepaXml.Date(batch.CollectionDate)),
                        E("Cdtr", E("Nm", creditorName)),
                        E("CdtrAcct", E("Id", E("IBAN", creditorIban))),
                        E("CdtrAgt", E("FinInstnId", E("BIC", creditorBic))),
                        E("ChrgBr", "SLEV"),
                        E("CdtrSchmeId",
                            E("Id", E("PrvtId", E("Othr",
                                E("Id", schemeId),
                                E("SchmeNm", E("Prtry", "SEPA")))))),
                        transactions))));
        return SepaXml.Bytes(document);
    }

    private static XElement Transaction(DirectDebit debit, DateOnly collectionDate, string field)
    {
        if (debit.MandateSignedOn > collectionDate)
        {
            throw new ArgumentException("A mandate must be signed before its collection.", field + ".MandateSignedOn");
        }

        var bic = SepaFields.OptionalBic(debit.Bic, field + ".Bic", SepaFields.Bic2009());
        var remittance = SepaFields.Remittance(debit.Remittance);
        return E("DrctDbtTxInf",
            E("PmtId", E("EndToEndId", SepaFields.Id(debit.EndToEndId, field + ".EndToEndId"))),
            E("InstdAmt", new XAttribute("Ccy", "EUR"), SepaXml.Amount(debit.AmountCents)),
            E("DrctDbtTx", E("MndtRltdInf",
                E("MndtId", SepaFields.Id(debit.MandateId, field + ".MandateId")),
                E("DtOfSgntr", SepaXml.Date(debit.MandateSignedOn)))),
            E("DbtrAgt", E("FinInstnId", bic is null ? E("Othr", E("Id", NotProvided)) : E("BIC", bic))),
            E("Dbtr", E("Nm", SepaFields.Name(debit.Debtor, field + ".Debtor"))),
            E("DbtrAcct", E("Id", E("IBAN", SepaFields.Iban(debit.Iban, field + ".Iban")))),
            remittance is null ? null : E("RmtInf", E("Ustrd", remittance)));
    }

    // Null content is skipped, which is how optional elements are left out.
    private static XElement E(string name, params object?[] content) => new(Ns + name, content);
}
