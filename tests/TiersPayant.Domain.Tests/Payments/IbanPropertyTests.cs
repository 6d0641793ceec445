using CsCheck;
using TiersPayant.Domain.Payments;

namespace TiersPayant.Domain.Tests.Payments;

public class IbanPropertyTests
{
    private const string Digits = "0123456789";

    [Fact]
    public void Every_generated_iban_parses_to_itself()
    {
        PaymentGenerators.Iban.Sample(text =>
        {
            Assert.True(Iban.TryParse(text, out var iban, out var error), $"{text}: {error}");
            Assert.Equal(text, iban.Value);
            Assert.Equal(text[..2], iban.CountryCode);
            Assert.Equal(iban, Iban.Parse(iban.Printed));
            Assert.Equal(iban, Iban.Parse(iban.Printed.ToLowerInvariant()));
        });
    }

    [Fact]
    public void Any_one_digit_changed_to_another_digit_fails_the_checksum()
    {
        PaymentGenerators.Iban.Sample(text =>
        {
            for (var position = 2; position < text.Length; position++)
            {
                if (!char.IsAsciiDigit(text[position]))
                {
                    continue;
                }

                foreach (var digit in Digits)
                {
                    if (digit == text[position])
                    {
                        continue;
                    }

                    var changed = string.Concat(text.AsSpan(0, position), [digit], text.AsSpan(position + 1));
                    Assert.False(Iban.TryParse(changed, out _, out var error), $"position {position} changed to {digit}");
                    Assert.Equal("checksum", error);
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Any_one_letter_changed_to_another_letter_fails_the_checksum()
    {
        PaymentGenerators.Iban.Sample(text =>
        {
            // From the BBAN on: a different country code is another fault.
            for (var position = 4; position < text.Length; position++)
            {
                if (!char.IsAsciiLetter(text[position]))
                {
                    continue;
                }

                for (var letter = 'A'; letter <= 'Z'; letter++)
                {
                    if (letter != text[position])
                    {
                        var changed = string.Concat(text.AsSpan(0, position), [letter], text.AsSpan(position + 1));
                        Assert.False(Iban.TryParse(changed, out _, out var error), $"position {position} changed to {letter}");
                        Assert.Equal("checksum", error);
                    }
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Any_two_adjacent_different_digits_swapped_fail_the_checksum()
    {
        PaymentGenerators.Iban.Sample(text =>
        {
            // From the BBAN on: the check digits are moved to the end before the division.
            for (var position = 4; position < text.Length - 1; position++)
            {
                var (a, b) = (text[position], text[position + 1]);
                if (char.IsAsciiDigit(a) && char.IsAsciiDigit(b) && a != b)
                {
                    var swapped = string.Concat(text.AsSpan(0, position), [b, a], text.AsSpan(position + 2));
                    Assert.False(Iban.TryParse(swapped, out _, out var error), $"positions {position} and {position + 1} swapped");
                    Assert.Equal("checksum", error);
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void One_character_more_or_less_is_the_wrong_length()
    {
        Gen.Select(PaymentGenerators.Iban, Gen.Char[Digits], Gen.Bool).Sample((text, extra, add) =>
        {
            var changed = add ? text + extra : text[..^1];
            Assert.False(Iban.TryParse(changed, out _, out var error));
            Assert.Equal("length", error);
        });
    }

    [Fact]
    public void Parse_error_message_never_contains_the_account()
    {
        Gen.Select(PaymentGenerators.Iban, Gen.Int[4, 14], Gen.Char[Digits]).Sample((text, position, digit) =>
        {
            // Only digits: a letter turned into a digit can keep the remainder at 1.
            var changed = text[..position] + digit + text[(position + 1)..];
            if (changed == text || !char.IsAsciiDigit(text[position]))
            {
                return;
            }

            var message = Assert.Throws<FormatException>(() => Iban.Parse(changed)).Message;
            Assert.DoesNotContain(changed[4..], message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(changed[4..8], message, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Parsing_arbitrary_text_never_throws()
    {
        Generators.AnyText.Sample(text =>
        {
            var valid = Iban.TryParse(text, out _, out var error);
            Assert.Equal(valid, error is null);
        }, iter: 10_000);
    }

    [Fact]
    public void Parsing_text_that_looks_like_an_iban_never_throws()
    {
        var nearIban = Gen.Select(PaymentGenerators.IbanCountry, Gen.Char["0123456789ABZabz -"].Array[0, 32],
            (country, chars) => country + new string(chars));

        nearIban.Sample(text =>
        {
            var valid = Iban.TryParse(text, out var iban, out var error);
            Assert.Equal(valid, error is null);
            if (valid)
            {
                Assert.Equal(IbanCountries.Lengths[iban.CountryCode], iban.Value.Length);
            }
            else
            {
                Assert.Throws<FormatException>(() => Iban.Parse(text));
            }
        }, iter: 10_000);
    }
}
