using TiersPayant.Domain;
using TiersPayant.Domain.Members;
using TiersPayant.Members.Import;
using static TiersPayant.Tests.Members.MemberFiles;

namespace TiersPayant.Tests.Members;

public sealed class MemberRowValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private static readonly Insurer Tilleuls = new(AmcNumber.Parse("775000012"), "Mutuelle des Tilleuls", "TPS", "01",
        [new ContractPlan("ESSENTIEL", "Essentiel", true, [])]);

    private static MemberRow RowOf(string csvRow)
    {
        var values = csvRow.Split(';');
        return new MemberRow(7, MemberFileReader.Columns.Select((c, i) => (c, values[i])).ToDictionary(x => x.c, x => x.Item2), null);
    }

    private static List<string> Faults(string csvRow) =>
        [.. MemberRowValidator.Validate(RowOf(csvRow), Tilleuls, Today).Errors.Select(e => e.ToString())];

    [Fact]
    public void A_complete_row_becomes_a_member()
    {
        var (member, errors) = MemberRowValidator.Validate(RowOf(Row("A1", 1, "Lefèvre", "", "Léa", "1980-04-12", Nir(2, 1980, 4))), Tilleuls, Today);

        Assert.Empty(errors);
        Assert.NotNull(member);
        Assert.Equal(new DateOnly(1980, 4, 12), member.BirthDate);
        Assert.Null(member.Name.BirthName);
        Assert.Null(member.Rights.To);
    }

    [Theory]
    [InlineData("2027-01-01", "line 7: birth_date: must be between 1900-01-01 and today")]
    [InlineData("1899-12-31", "line 7: birth_date: must be between 1900-01-01 and today")]
    [InlineData("2020-02-30", "line 7: birth_date: must be a date YYYY-MM-DD")]
    [InlineData("", "line 7: birth_date: is required")]
    public void Birth_dates_must_be_real_past_dates(string birthDate, string expected) =>
        Assert.Contains(expected, Faults(Row("A1", 1, "Martin", "", "Paul", birthDate, Nir(1, 1980, 4), relationship: "child")));

    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    [InlineData("un")]
    [InlineData("-1")]
    public void Birth_rank_is_one_to_nine(string rank) =>
        Assert.Contains("line 7: birth_rank: must be a whole number from 1 to 9",
            Faults(Row("A1", 1, "Martin", "", "Paul", "1980-04-12", Nir(1, 1980, 4)).Replace("A1;1;", $"A1;{rank};", StringComparison.Ordinal)));

    [Theory]
    [InlineData("Martin2", "last_name")]
    [InlineData("--", "last_name")]
    [InlineData("", "last_name")]
    public void Names_must_be_names(string lastName, string field) =>
        Assert.Contains(Faults(Row("A1", 1, lastName, "", "Paul", "1980-04-12", Nir(1, 1980, 4))), f => f.StartsWith($"line 7: {field}: ", StringComparison.Ordinal));

    [Fact]
    public void A_holder_must_carry_their_own_NIR_but_a_child_may_carry_a_parent_s()
    {
        var parentNir = Nir(1, 1980, 4);

        Assert.Contains("line 7: nir: a holder's own NIR must match the year and month of birth_date",
            Faults(Row("A1", 1, "Martin", "", "Paul", "2010-05-05", parentNir)));
        Assert.Empty(Faults(Row("A1", 1, "Martin", "", "Paul", "2010-05-05", parentNir, relationship: "child")));
    }

    [Fact]
    public void Membership_numbers_are_short_and_plain()
    {
        Assert.Contains("line 7: membership_number: must be 1 to 30 letters, digits, spaces or hyphens",
            Faults(Row("A1/2", 1, "Martin", "", "Paul", "1980-04-12", Nir(1, 1980, 4))));
        Assert.Contains("line 7: membership_number: is required", Faults(Row("", 1, "Martin", "", "Paul", "1980-04-12", Nir(1, 1980, 4))));
    }

    [Fact]
    public void Messages_never_repeat_the_values_of_the_row()
    {
        var nir = WithBadKey(Nir(1, 1980, 4));

        var faults = string.Join('\n', Faults(Row("SECRET42", 0, "Dupont9", "", "Jean", "1980-13-01", nir, "x", "Y", "z", "w")));

        Assert.DoesNotContain("SECRET42", faults, StringComparison.Ordinal);
        Assert.DoesNotContain("Dupont", faults, StringComparison.Ordinal);
        Assert.DoesNotContain(nir[..13], faults, StringComparison.Ordinal);
        Assert.Equal(8, faults.Split('\n').Length); // rank, last name, birth date, NIR, relationship, contract, rights_from, rights_to
    }
}
