namespace TiersPayant.Domain;

/// <summary>
/// The Luhn check digit, used by RPPS (11 digits) and FINESS (9 digits) numbers.
/// </summary>
public static class Luhn
{
    /// <summary>True when <paramref name="digits"/> is all digits and its last one checks the others.</summary>
    public static bool IsValid(string? digits) =>
        !string.IsNullOrEmpty(digits) && digits.Length > 1 && digits.All(char.IsAsciiDigit)
        && CheckDigit(digits.AsSpan(0, digits.Length - 1)) == digits[^1] - '0';

    /// <summary>The check digit to append to <paramref name="payload"/>.</summary>
    public static int CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if (d is < 0 or > 9)
            {
                throw new ArgumentException("Digits only.", nameof(payload));
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (10 - (sum % 10)) % 10;
    }
}
