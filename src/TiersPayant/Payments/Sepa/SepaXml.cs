using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace TiersPayant.Payments.Sepa;

/// <summary>How values are spelt in a SEPA file, and how the file is serialised.</summary>
internal static class SepaXml
{
    // Banks' file gateways differ on a byte-order mark; UTF-8 without one is what they all read.
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
    };

    /// <summary>Cents as euros with exactly two decimals and a point: 12345 → <c>123.45</c>.</summary>
    public static string Amount(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An ISODate: <c>2025-03-14</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// An ISODateTime to the second, with the offset it was taken in (<c>2025-03-14T09:30:00+01:00</c>),
    /// so that the instant is unambiguous whatever the bank's time zone.
    /// </summary>
    public static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A count of transactions (Max15NumericText).</summary>
    public static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    /// <summary>The document as UTF-8 bytes without a byte-order mark, with its XML declaration.</summary>
    public static byte[] Bytes(XDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }
}
