using System.Collections;
using System.Xml.Linq;
using TiersPayant.Payments.Sepa;

namespace TiersPayant.Tests.Payments;

/// <summary>Test data for the SEPA files: valid by default, each test changing what it is about.</summary>
internal static class SepaBatches
{
    public const string PlatformIban = "FR7630006000011234567890189";
    public const string PracticeIban = "DE89370400440532013000";
    public const string InsurerIban = "FR1420041010050500013M02606";

    // The check digits of a creditor identifier are computed like an IBAN's, without the
    // 3-character business code (ZZZ): 72 for FR…123456.
    public const string SchemeId = "FR72ZZZ123456";

    public static readonly Party Platform = new("TiersPayant SAS", PlatformIban, "BNPAFRPPXXX");
    public static readonly DateTimeOffset CreatedAt = new(2025, 3, 14, 9, 30, 5, TimeSpan.FromHours(1));
    public static readonly DateOnly Day = new(2025, 3, 18);

    public static CreditTransfer Transfer(
        long cents = 12_345, string creditor = "Pharmacie du Centre", string? bic = "AGRIFRPP",
        string id = "E2E-1", string iban = PracticeIban, string remittance = "Factures du 1er au 14 mars 2025") =>
        new(id, creditor, iban, bic, cents, remittance);

    public static CreditTransferBatch Transfers(params IReadOnlyList<CreditTransfer> transfers) =>
        new("MSG-2025-03-14-001", CreatedAt, Day, Platform, transfers);

    public static DirectDebit Debit(
        long cents = 54_321, string debtor = "Mutuelle Generale", string? bic = "AGRIFRPP",
        string id = "DD-1", string iban = InsurerIban, string mandate = "MANDAT-0001", string remittance = "Appel de fonds mars 2025") =>
        new(id, debtor, iban, bic, mandate, new DateOnly(2024, 1, 15), cents, remittance);

    public static DirectDebitBatch Debits(params IReadOnlyList<DirectDebit> debits) =>
        new("DD-2025-03-14-001", CreatedAt, Day, Platform, SchemeId, debits);

    /// <summary>The elements named <paramref name="name"/> in the file's namespace, in document order.</summary>
    public static IReadOnlyList<XElement> Elements(byte[] file, string name)
    {
        var document = XDocument.Load(new MemoryStream(file));
        return [.. document.Descendants(document.Root!.Name.Namespace + name)];
    }

    /// <summary>The text of the elements named <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> Values(byte[] file, string name) => [.. Elements(file, name).Select(e => e.Value)];

    /// <summary>One item repeated: a batch far too large to build, to reach the limits of a sum.</summary>
    public sealed class Repeated<T>(T item, int count) : IReadOnlyList<T>
    {
        public T this[int index] => (uint)index < (uint)count ? item : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => count;

        public IEnumerator<T> GetEnumerator() => Enumerable.Repeat(item, count).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
