using System.Globalization;

namespace TiersPayant.Domain;

/// <summary>An amount in integer euro cents. Never a floating-point number.</summary>
public readonly record struct Money(long Cents) : IComparable<Money>
{
    // French typography, pinned rather than read from fr-FR, whose separators vary with the
    // platform's ICU or NLS version: a narrow no-break space between thousands, a decimal comma.
    private static readonly NumberFormatInfo French = NumberFormatInfo.ReadOnly(new NumberFormatInfo
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = "\u202F",
        NegativeSign = "-",
    });

    /// <summary>Zero euros.</summary>
    public static Money Zero => new(0);

    /// <summary>An amount from whole euros.</summary>
    public static Money FromEuros(long euros) => new(checked(euros * 100));

    /// <summary>True when the amount is below zero.</summary>
    public bool IsNegative => Cents < 0;

    /// <summary>Sum.</summary>
    public static Money operator +(Money a, Money b) => new(checked(a.Cents + b.Cents));

    /// <summary>Difference.</summary>
    public static Money operator -(Money a, Money b) => new(checked(a.Cents - b.Cents));

    /// <summary>Multiplied by a quantity.</summary>
    public static Money operator *(Money a, int factor) => new(checked(a.Cents * factor));

    /// <summary>Less than.</summary>
    public static bool operator <(Money a, Money b) => a.Cents < b.Cents;

    /// <summary>Greater than.</summary>
    public static bool operator >(Money a, Money b) => a.Cents > b.Cents;

    /// <summary>Less or equal.</summary>
    public static bool operator <=(Money a, Money b) => a.Cents <= b.Cents;

    /// <summary>Greater or equal.</summary>
    public static bool operator >=(Money a, Money b) => a.Cents >= b.Cents;

    /// <summary>The smaller of two amounts.</summary>
    public static Money Min(Money a, Money b) => a <= b ? a : b;

    /// <summary>The larger of two amounts.</summary>
    public static Money Max(Money a, Money b) => a >= b ? a : b;

    /// <summary>
    /// A share of this amount in basis points (1/100 of a percent), rounded half away from zero,
    /// so that 60 % is <c>6000</c>. Integer arithmetic only.
    /// </summary>
    public Money Percent(int basisPoints)
    {
        var product = checked(Cents * basisPoints);
        var quotient = Math.DivRem(product, 10_000, out var remainder);
        if (Math.Abs(remainder) * 2 >= 10_000)
        {
            quotient += Math.Sign(product);
        }

        return new Money(quotient);
    }

    /// <inheritdoc />
    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    /// <summary>
    /// French display: <c>1 234,56 €</c>, with a narrow no-break space between thousands and a
    /// no-break space before the euro sign, so that the amount never wraps apart from it.
    /// </summary>
    public override string ToString() => (Cents / 100m).ToString("#,##0.00", French) + "\u00A0€";
}
