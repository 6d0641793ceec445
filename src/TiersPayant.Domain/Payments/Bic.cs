using System.Diagnostics.CodeAnalysis;

namespace TiersPayant.Domain.Payments;

/// <summary>
/// A Business Identifier Code (ISO 9362, "SWIFT code") of 8 or 11 characters: institution
/// (4 letters), country (2 letters), location (2 letters or digits) and, optionally, branch
/// (3 letters or digits; <c>XXX</c> for the head office).
/// </summary>
/// <remarks>
/// The country code is not checked against ISO 3166, nor the institution against the SWIFT
/// directory: no check digit exists to verify. The default value's <see cref="Value"/> is empty.
/// </remarks>
public readonly record struct Bic
{
    private readonly string? _value;

    private Bic(string value) => _value = value;

    /// <summary>The 8 or 11 characters, upper case (<c>BNPAFRPPXXX</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The ISO 3166 country code, characters 5 and 6 (<c>FR</c>).</summary>
    public string CountryCode => _value is null ? string.Empty : _value.Substring(4, 2);

    /// <summary>The code, as <see cref="Value"/>.</summary>
    public override string ToString() => Value;

    /// <summary>
    /// Parses a BIC; throws <see cref="FormatException"/> whose message carries the
    /// <see cref="BankingErrors"/> code.
    /// </summary>
    public static Bic Parse(string text) =>
        TryParse(text, out var bic, out var error) ? bic : throw new FormatException($"Not a valid BIC: {error}.");

    /// <summary>
    /// Parses a BIC, ignoring surrounding white space and case. On failure
    /// <paramref name="error"/> is <c>required</c> or <c>format</c> (<see cref="BankingErrors"/>).
    /// </summary>
    public static bool TryParse(string? text, out Bic bic, [NotNullWhen(false)] out string? error)
    {
        bic = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = BankingErrors.Required;
            return false;
        }

        var v = text.Trim();
        if (!IsWellFormed(v))
        {
            error = BankingErrors.Format;
            return false;
        }

        bic = new Bic(v.ToUpperInvariant());
        error = null;
        return true;
    }

    // ASCII only, checked before upper-casing (invariant casing maps a few non-ASCII letters to ASCII).
    private static bool IsWellFormed(string v)
    {
        if (v.Length is not (8 or 11))
        {
            return false;
        }

        for (var i = 0; i < v.Length; i++)
        {
            var ok = i < 6 ? char.IsAsciiLetter(v[i]) : char.IsAsciiLetterOrDigit(v[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
