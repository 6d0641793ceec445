using CsCheck;
using TiersPayant.Payments.Sepa;

namespace TiersPayant.Tests.Payments;

/// <summary>Names and remittances brought into the SEPA basic Latin set.</summary>
public sealed class SepaTextTests
{
    [Theory]
    [InlineData("Pharmacie du Centre", "Pharmacie du Centre")]
    [InlineData("Hélène Müller-Écuyer", "Helene Muller-Ecuyer")]
    [InlineData("François Façade", "Francois Facade")]
    [InlineData("Cœur de Lœuvre", "Coeur de Loeuvre")]
    [InlineData("ŒUVRAY", "OEUVRAY")]
    [InlineData("Lætitia", "Laetitia")]
    [InlineData("Strauß", "Strauss")]
    [InlineData("Wałęsa Ørsted Đoković", "Walesa Orsted Dokovic")]
    [InlineData("L’Étoile — Saint‑Étienne", "L'Etoile - Saint-Etienne")]
    [InlineData("Dupont & Fils", "Dupont + Fils")]
    [InlineData("Ruﬁn Ｄｕｐｏｎｔ", "Rufin Dupont")]
    [InlineData("e\u0301te\u0301", "ete")]
    [InlineData("  Cabinet \t\r\n  médical\u00A0 ", "Cabinet medical")]
    [InlineData("Facture 42 (mars) : 30 €, ref A/B-1?", "Facture 42 (mars) : 30 EUR, ref A/B-1?")]
    [InlineData("x@y.fr; \"z\" #1 _a_", "x.y.fr. .z. .1 .a.")]
    [InlineData("東京", "..")]
    [InlineData("Dentiste 😀", "Dentiste .")]
    public void Text_is_written_in_the_sepa_latin_set(string text, string expected)
    {
        Assert.Equal(expected, SepaText.Latin(text, 140));
    }

    [Fact]
    public void Unpaired_surrogates_and_non_characters_are_one_dot_each()
    {
        // Not theory data: xunit's serialisation of test cases would replace the surrogates.
        Assert.Equal("a.b.c.d", SepaText.Latin("a\uD800b\uDC00c\uFFFEd", 140));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n")]
    [InlineData("\u0301")]
    [InlineData("\u00B4\u00A8")]
    [InlineData("\u200B\u00AD")]
    public void Text_with_nothing_writable_is_empty(string? text)
    {
        Assert.Equal("", SepaText.Latin(text, 70));
    }

    [Fact]
    public void Text_is_cut_to_the_length_after_mapping_and_never_ends_with_a_space()
    {
        Assert.Equal(new string('e', 70), SepaText.Latin(new string('é', 100), 70));
        Assert.Equal("Coe", SepaText.Latin("Cœur", 3));
        Assert.Equal("abc", SepaText.Latin("abc def", 4));
    }

    [Fact]
    public void Any_text_maps_to_trimmed_sepa_characters_within_the_length_and_mapping_again_changes_nothing()
    {
        var texts = Gen.OneOf(Gen.String[0, 300], Gen.Char[char.MinValue, char.MaxValue].Array[0, 300].Select(chars => new string(chars)));

        Gen.Select(texts, Gen.Int[1, 140]).Sample((text, length) =>
        {
            var latin = SepaText.Latin(text, length);
            Assert.True(latin.Length <= length);
            Assert.All(latin, c => Assert.True(SepaText.IsLatin(c), $"U+{(int)c:X4}"));
            Assert.Equal(latin.Trim(), latin);
            Assert.DoesNotContain("  ", latin, StringComparison.Ordinal);
            Assert.Equal(latin, SepaText.Latin(latin, length));
        }, iter: 10_000);
    }
}
