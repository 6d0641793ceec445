namespace TiersPayant.Domain;

/// <summary>A beneficiary's internal identifier. Never shown to professionals.</summary>
public readonly record struct BeneficiaryId(Guid Value)
{
    /// <summary>A new random identifier.</summary>
    public static BeneficiaryId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("N");
}

/// <summary>A practice's identifier.</summary>
public readonly record struct PracticeId(Guid Value)
{
    /// <summary>A new random identifier.</summary>
    public static PracticeId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("N");
}

/// <summary>
/// An insurer's AMC number: the number printed on the card that routes a claim to the insurer
/// (9 digits in the harmonised attestation; the platform accepts 1 to 10 digits).
/// </summary>
public readonly record struct AmcNumber
{
    private AmcNumber(string value) => Value = value;

    /// <summary>The digits.</summary>
    public string Value { get; }

    /// <summary>Parses an AMC number, or fails with a reason.</summary>
    public static bool TryParse(string? text, out AmcNumber amc)
    {
        amc = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 10 || !trimmed.All(char.IsAsciiDigit))
        {
            return false;
        }

        amc = new AmcNumber(trimmed);
        return true;
    }

    /// <summary>Parses an AMC number or throws <see cref="FormatException"/>.</summary>
    public static AmcNumber Parse(string text) =>
        TryParse(text, out var amc) ? amc : throw new FormatException("An AMC number has 1 to 10 digits.");

    /// <inheritdoc />
    public override string ToString() => Value;
}
