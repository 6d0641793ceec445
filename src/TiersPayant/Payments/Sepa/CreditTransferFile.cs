using System.Xml.Linq;

namespace TiersPayant.Payments.Sepa;

/// <summary>
/// The SEPA credit-transfer file (ISO 20022 pain.001.001.09, EPC132-08 customer-to-bank
/// guidelines) that pays professionals: one group header, one payment information block debiting
/// the platform's account as a single booking, and one transaction per transfer.
/// </summary>
internal static class CreditTransferFile
{
    /// <summary>The schema's namespace.</summary>
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    private static readonly XNamespace Ns = Namespace;

    /// <summary>
    /// The file of <paramref name="batch"/>, UTF-8 XML. Every field is checked before anything is
    /// written: an <see cref="ArgumentException"/> names the first one that cannot be sent.
    /// </summary>
    public static byte[] Write(CreditTransferBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var messageId = SepaFields.Id(batch.MessageId, nameof(batch.MessageId));
        var debtor = batch.Debtor ?? throw new ArgumentException("The debtor is missing.", nameof(batch.Debtor));
        var debtorName = SepaFields.Name(debtor.Name, "Debtor.Name");
        var debtorIban = SepaFields.Iban(debtor.Iban, "Debtor.Iban");
        var debtorBic = SepaFields.Bic(debtor.Bic, "Debtor.Bic", SepaFields.Bic2014());
        var sum = SepaXml.Amount(SepaFields.Sum(batch.Transfers, t => t.AmountCents, nameof(batch.Transfers)));
        var count = SepaXml.Count(batch.Transfers.Count);
        var transactions = batch.Transfers.Select((transfer, i) => Transaction(transfer, $"{nameof(batch.Transfers)}[{i}]")).ToList();

        var document = new XDocument(
            E("Document",
                E("CstmrCdtTrfInitn",
                    E("GrpHdr",
                        E("MsgId", messageId),
                        E("CreDtTm", SepaXml.Timestamp(batch.CreatedAt)),
                        E("NbOfTxs", count),
                        E("CtrlSum", sum),
                        E("InitgPty", E("Nm", debtorName))),
                    E("PmtInf",
                        E("PmtInfId", messageId),
                        E("PmtMtd", "TRF"),
                        E("BtchBookg", "true"),
                        E("NbOfTxs", count),
                        E("CtrlSum", sum),
                        E("PmtTpInf", E("SvcLvl", E("Cd", "SEPA"))),
                        E("ReqdExctnDt", E("Dt", SepaXml.Date(batch.ExecutionDate))),
                        E("Dbtr", E("Nm", debtorName)),
                        E("DbtrAcct", E("Id", E("IBAN", debtorIban))),
                        E("DbtrAgt", E("FinInstnId", E("BICFI", debtorBic))),
                        E("ChrgBr", "SLEV"),
                        transactions))));
        return SepaXml.Bytes(document);
    }

    private static XElement Transaction(CreditTransfer transfer, string field)
    {
        var bic = SepaFields.OptionalBic(transfer.Bic, field + ".Bic", SepaFields.Bic2014());
        var remittance = SepaFields.Remittance(transfer.Remittance);
        return E("CdtTrfTxInf",
            E("PmtId", E("EndToEndId", SepaFields.Id(transfer.EndToEndId, field + ".EndToEndId"))),
            E("Amt", E("InstdAmt", new XAttribute("Ccy", "EUR"), SepaXml.Amount(transfer.AmountCents))),
            bic is null ? null : E("CdtrAgt", E("FinInstnId", E("BICFI", bic))),
            E("Cdtr", E("Nm", SepaFields.Name(transfer.Creditor, field + ".Creditor"))),
            E("CdtrAcct", E("Id", E("IBAN", SepaFields.Iban(transfer.Iban, field + ".Iban")))),
            remittance is null ? null : E("RmtInf", E("Ustrd", remittance)));
    }

    // Null content is skipped, which is how optional elements are left out.
    private static XElement E(string name, params object?[] content) => new(Ns + name, content);
}
