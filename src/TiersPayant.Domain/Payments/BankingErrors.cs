namespace TiersPayant.Domain.Payments;

/// <summary>
/// The stable codes <see cref="Iban.TryParse"/> and <see cref="Bic.TryParse"/> give for a refused
/// text. They name the fault, never the value: bank details stay out of messages and logs.
/// </summary>
public static class BankingErrors
{
    /// <summary>Nothing given (null, empty or only white space).</summary>
    public const string Required = "required";

    /// <summary>Not the shape of the code (characters or layout).</summary>
    public const string Format = "format";

    /// <summary>An IBAN whose country is not in the SEPA table (<see cref="IbanCountries"/>).</summary>
    public const string Country = "country";

    /// <summary>An IBAN of the wrong length for its country.</summary>
    public const string Length = "length";

    /// <summary>An IBAN whose check digits do not match (ISO 13616 mod-97).</summary>
    public const string Checksum = "checksum";
}
