using System.Text.RegularExpressions;

namespace TiersPayant.Payments.Sepa;

/// <summary>
/// The checks every field of a SEPA file passes before anything is written, each failure an
/// <see cref="ArgumentException"/> naming the field. Messages never quote the value: names and
/// account numbers are personal data.
/// </summary>
internal static partial class SepaFields
{
    /// <summary>Identifiers (Max35Text).</summary>
    public const int IdLength = 35;

    /// <summary>Names: Max140Text, limited to 70 characters by the EPC in both schemes.</summary>
    public const int NameLength = 70;

    /// <summary>Unstructured remittance (Max140Text).</summary>
    public const int RemittanceLength = 140;

    /// <summary>The largest amount of one SEPA transaction, 999,999,999.99 euros (EPC).</summary>
    public const long MaxAmountCents = 99_999_999_999;

    /// <summary>The largest control sum: the schemas' DecimalNumber has 18 digits, 2 of them decimals.</summary>
    public const long MaxSumCents = 999_999_999_999_999_999;

    /// <summary>
    /// An identifier as given: 1 to 35 characters of the SEPA set, and, as the EPC requires of
    /// references and identifiers, neither starting nor ending with '/' nor containing "//".
    /// Never cut or transliterated, since the bank reports it back and reconciliation matches it.
    /// </summary>
    public static string Id(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > IdLength || !value.All(SepaText.IsLatin)
            || value.StartsWith('/') || value.EndsWith('/') || value.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "An identifier must be 1 to 35 characters of the SEPA Latin set, neither starting nor ending with '/' nor containing '//'.", field);
        }

        return value;
    }

    /// <summary>A name in the SEPA set, cut to 70 characters; one with nothing writable is rejected.</summary>
    public static string Name(string? value, string field)
    {
        var name = SepaText.Latin(value, NameLength);
        return name.Length > 0 ? name : throw new ArgumentException("A name must have at least one letter, digit or sign.", field);
    }

    /// <summary>An unstructured remittance in the SEPA set, cut to 140 characters; null when blank (it is optional).</summary>
    public static string? Remittance(string? value)
    {
        var remittance = SepaText.Latin(value, RemittanceLength);
        return remittance.Length > 0 ? remittance : null;
    }

    /// <summary>An IBAN without its spaces, upper case, its check digits verified (ISO 13616, mod 97).</summary>
    public static string Iban(string? value, string field)
    {
        var iban = value?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (iban is null || !IbanShape().IsMatch(iban) || Mod97(iban[4..] + iban[..4]) != 1)
        {
            throw new ArgumentException("Not a valid IBAN.", field);
        }

        return iban;
    }

    /// <summary>A BIC, upper case, of the shape the file's schema gives.</summary>
    public static string Bic(string? value, string field, Regex shape)
    {
        var bic = value?.Trim().ToUpperInvariant();
        return bic is not null && shape.IsMatch(bic) ? bic : throw new ArgumentException("Not a valid BIC.", field);
    }

    /// <summary>A BIC when one is given, null when the field is empty.</summary>
    public static string? OptionalBic(string? value, string field, Regex shape) =>
        string.IsNullOrWhiteSpace(value) ? null : Bic(value, field, shape);

    /// <summary>
    /// A SEPA creditor identifier: country, check digits, a 3-character business code the check
    /// ignores, then the national identifier; the check digits verified as the EPC defines them.
    /// </summary>
    public static string CreditorSchemeId(string? value, string field)
    {
        var id = Id(value, field);
        if (!CreditorIdShape().IsMatch(id) || Mod97(id[7..] + id[..4]) != 1)
        {
            throw new ArgumentException("Not a valid SEPA creditor identifier.", field);
        }

        return id;
    }

    /// <summary>
    /// The control sum of the amounts in cents, each checked to lie between 0.01 and
    /// 999,999,999.99 euros; an empty list, or a sum the long or the file cannot hold, is rejected.
    /// </summary>
    public static long Sum<T>(IReadOnlyList<T>? items, Func<T, long> cents, string field)
    {
        if (items is null || items.Count == 0)
        {
            throw new ArgumentException("A SEPA file needs at least one transaction.", field);
        }

        var sum = 0L;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw new ArgumentException("A transaction is missing.", $"{field}[{i}]");
            var amount = cents(item);
            if (amount is <= 0 or > MaxAmountCents)
            {
                throw new ArgumentException("An amount must be between 0.01 and 999,999,999.99 euros.", $"{field}[{i}].AmountCents");
            }

            try
            {
                sum = checked(sum + amount);
            }
            catch (OverflowException overflow)
            {
                throw new ArgumentException("The sum of the amounts overflows.", field, overflow);
            }
        }

        return sum <= MaxSumCents ? sum : throw new ArgumentException("The sum of the amounts exceeds the 18 digits of a control sum.", field);
    }

    // Digits read as they are and letters as 10–35, the whole number taken mod 97 piecewise.
    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            remainder = c <= '9' ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }

    /// <summary>BIC of ISO 9362:2014, as pain.001.001.09 has it (BICFIDec2014Identifier).</summary>
    [GeneratedRegex(@"^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?\z", RegexOptions.CultureInvariant)]
    public static partial Regex Bic2014();

    /// <summary>BIC as pain.008.001.02 has it (BICIdentifier).</summary>
    [GeneratedRegex(@"^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?\z", RegexOptions.CultureInvariant)]
    public static partial Regex Bic2009();

    [GeneratedRegex(@"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IbanShape();

    [GeneratedRegex(@"^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CreditorIdShape();
}
