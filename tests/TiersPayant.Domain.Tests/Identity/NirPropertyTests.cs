using System.Globalization;
using CsCheck;
using TiersPayant.Domain.Identity;

namespace TiersPayant.Domain.Tests.Identity;

public class NirPropertyTests
{
    private const string Digits = "0123456789";

    [Fact]
    public void Every_valid_nir_parses_to_itself()
    {
        Generators.Nir.Sample(text =>
        {
            Assert.True(Nir.TryParse(text, out var nir, out var error), $"{text}: {error}");
            Assert.Equal(text, nir.Value);
            Assert.Equal(int.Parse(text[13..], CultureInfo.InvariantCulture), nir.Key);
        });
    }

    [Fact]
    public void Valid_nir_parses_the_same_with_spaces()
    {
        Generators.Nir.Sample(text => Assert.Equal(Nir.Parse(text), Nir.Parse(Generators.Spaced(text))));
    }

    [Fact]
    public void Valid_nir_parses_the_same_with_spaces_anywhere()
    {
        Gen.Select(Generators.Nir, Gen.Int[0, 15].Array[0, 6]).Sample((text, positions) =>
        {
            var spaced = text;
            foreach (var position in positions.OrderDescending())
            {
                spaced = spaced.Insert(position, " ");
            }

            Assert.Equal(Nir.Parse(text), Nir.Parse(spaced));
        });
    }

    [Fact]
    public void Valid_nir_parses_the_same_with_no_break_spaces_and_tabs_between_groups()
    {
        Generators.Nir.Sample(text =>
            Assert.Equal(Nir.Parse(text), Nir.Parse($"{text[0]}\u00A0{text[1..3]}\t{text[3..5]}\u202F{text[5..]}")));
    }

    [Fact]
    public void Valid_nir_parses_the_same_in_lower_case()
    {
        Generators.Nir.Sample(text => Assert.Equal(Nir.Parse(text), Nir.Parse(text.ToLowerInvariant())));
    }

    [Fact]
    public void Department_of_a_valid_nir_matches_its_shape()
    {
        Generators.Nir.Sample(text =>
        {
            var nir = Nir.Parse(text);
            var expected = text[5..7] is "97" or "98" ? text[5..8] : text[5..7];
            Assert.Equal(expected, nir.Department);
            Assert.Equal(text[5..7] is "97" or "98", nir.IsOverseas);
            Assert.Equal(text[5..7] == "99", nir.IsBornAbroad);
        });
    }

    [Fact]
    public void Any_single_character_changed_to_another_digit_is_rejected()
    {
        Generators.Nir.Sample(text =>
        {
            for (var position = 0; position < text.Length; position++)
            {
                foreach (var digit in Digits)
                {
                    if (digit == text[position])
                    {
                        continue;
                    }

                    var changed = string.Concat(text.AsSpan(0, position), [digit], text.AsSpan(position + 1));
                    Assert.False(Nir.IsValid(changed), $"position {position} changed to {digit}");
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void Corsican_letter_swapped_for_the_other_is_rejected()
    {
        Generators.CorsicanNir.Sample(text =>
        {
            var swapped = text[..6] + (text[6] == 'A' ? 'B' : 'A') + text[7..];
            Assert.False(Nir.IsValid(swapped));
        });
    }

    [Fact]
    public void Any_other_key_is_rejected()
    {
        Generators.Nir.Sample(text =>
        {
            for (var key = 0; key <= 99; key++)
            {
                var candidate = text[..13] + key.ToString("D2", CultureInfo.InvariantCulture);
                if (candidate != text)
                {
                    Assert.False(Nir.TryParse(candidate, out _, out var error));
                    Assert.Equal(NirError.Key, error);
                }
            }
        });
    }

    [Fact]
    public void Parsing_arbitrary_text_never_throws()
    {
        Generators.AnyText.Sample(text =>
        {
            var valid = Nir.TryParse(text, out _, out var error);
            Assert.Equal(valid, error == NirError.None);
        }, iter: 10_000);
    }

    [Fact]
    public void Parsing_text_that_looks_like_a_nir_never_throws()
    {
        var nearNir = Gen.Char["0123456789AaBbCz -"].Array[10, 20].Select(chars => new string(chars));

        nearNir.Sample(text =>
        {
            var valid = Nir.TryParse(text, out var nir, out var error);
            Assert.Equal(valid, error == NirError.None);
            if (!valid)
            {
                Assert.Throws<FormatException>(() => Nir.Parse(text));
            }
            else
            {
                Assert.Equal(Nir.Length, nir.Value.Length);
            }
        }, iter: 10_000);
    }

    [Fact]
    public void Printing_a_nir_never_shows_more_than_sex_year_and_month()
    {
        Generators.Nir.Sample(text =>
        {
            var nir = Nir.Parse(text);
            var printed = nir.ToString();

            Assert.Equal($"{text[0]} {text[1..3]} {text[3..5]} ** *** *** **", printed);
            Assert.Equal(printed, nir.Masked);
            Assert.DoesNotContain(text[5..], printed.Replace(" ", ""), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Parse_error_message_never_contains_the_number()
    {
        Gen.Select(Generators.Nir, Gen.Int[0, 14], Gen.Char[Digits]).Sample((text, position, digit) =>
        {
            var changed = text[..position] + digit + text[(position + 1)..];
            if (changed == text)
            {
                return;
            }

            var message = Assert.Throws<FormatException>(() => Nir.Parse(changed)).Message;
            Assert.DoesNotContain(changed[5..], message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(changed[7..13], message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Generated_nirs_cover_every_shape()
    {
        var sample = Generators.Nir.Array[3000].Single();

        Assert.Equal("123478", string.Concat(sample.Select(n => n[0]).Distinct().Order()));
        Assert.Contains(sample, n => int.Parse(n[3..5], CultureInfo.InvariantCulture) is >= 1 and <= 12);
        Assert.Contains(sample, n => int.Parse(n[3..5], CultureInfo.InvariantCulture) is >= 20 and <= 42);
        Assert.Contains(sample, n => int.Parse(n[3..5], CultureInfo.InvariantCulture) >= 50);
        Assert.Contains(sample, n => n[5..7] == "2A");
        Assert.Contains(sample, n => n[5..7] == "2B");
        Assert.Contains(sample, n => n[5..7] == "99");
        Assert.Contains(sample, n => n[5..7] == "97");
        Assert.Contains(sample, n => n[5..7] == "98");
        Assert.Contains(sample, n => n[5..7] == "01");
        Assert.Contains(sample, n => n[5..7] == "95");
    }
}
