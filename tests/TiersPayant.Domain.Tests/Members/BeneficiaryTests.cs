using System.Globalization;
using TiersPayant.Domain.Identity;
using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Tests.Members;

public class BeneficiaryTests
{
    // Born December 2006 in Paris (DOMAIN.md's example).
    private static readonly Nir MotherNir = Nir.Parse("2 06 12 75 111 005 64");

    private static Beneficiary Someone(DateOnly birthDate, Nir? nir = null, int birthRank = 1, Relationship relationship = Relationship.Holder) =>
        new(
            BeneficiaryId.New(), AmcNumber.Parse("123456789"), "M-0001", birthRank,
            new PersonName("Dupont", null, "Léa"), birthDate, nir ?? MotherNir, relationship, "SANTE-2",
            new DateRange(new DateOnly(2025, 1, 1), null));

    [Theory]
    [InlineData("2026-03-14", 15)]
    [InlineData("2026-03-15", 16)]
    [InlineData("2026-03-16", 16)]
    [InlineData("2010-03-15", 0)]
    [InlineData("2011-03-14", 0)]
    [InlineData("2011-03-15", 1)]
    public void Age_goes_up_on_the_birthday(string day, int age)
    {
        Assert.Equal(age, Someone(new DateOnly(2010, 3, 15)).AgeOn(DateOnly.Parse(day, CultureInfo.InvariantCulture)));
    }

    // In a common year the birthday of someone born on 29 February is taken as 28 February, as
    // French procedure does for a period that ends on a day the month lacks (CPC art. 641).
    [Theory]
    [InlineData("2024-02-28", 15)]
    [InlineData("2024-02-29", 16)]
    [InlineData("2025-02-27", 16)]
    [InlineData("2025-02-28", 17)]
    [InlineData("2025-03-01", 17)]
    [InlineData("2028-02-28", 19)]
    [InlineData("2028-02-29", 20)]
    public void Someone_born_on_29_February_ages_on_28_February_in_common_years(string day, int age)
    {
        Assert.Equal(age, Someone(new DateOnly(2008, 2, 29)).AgeOn(DateOnly.Parse(day, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Beneficiary_whose_nir_matches_their_birth_has_their_own_nir()
    {
        Assert.True(Someone(new DateOnly(2006, 12, 3)).HasOwnNir);
    }

    [Fact]
    public void Child_covered_under_a_parent_nir_has_no_own_nir()
    {
        Assert.False(Someone(new DateOnly(2030, 5, 10), relationship: Relationship.Child).HasOwnNir);
        Assert.False(Someone(new DateOnly(2006, 11, 3), relationship: Relationship.Child).HasOwnNir);
    }

    [Fact]
    public void Nir_without_a_calendar_month_is_own_when_the_year_matches()
    {
        // Month 31: civil records incomplete; only the year can be compared.
        var nir = Nir.Parse("1 62 31 75 056 123 79");

        Assert.True(Someone(new DateOnly(1962, 7, 1), nir).HasOwnNir);
        Assert.False(Someone(new DateOnly(1963, 7, 1), nir).HasOwnNir);
    }

    [Fact]
    public void Twins_are_told_apart_by_birth_rank()
    {
        var first = Someone(new DateOnly(2015, 4, 2), birthRank: 1, relationship: Relationship.Child);
        var second = Someone(new DateOnly(2015, 4, 2), birthRank: 2, relationship: Relationship.Child);

        Assert.Equal(first.BirthDate, second.BirthDate);
        Assert.NotEqual(first.BirthRank, second.BirthRank);
    }

    [Fact]
    public void Beneficiary_needs_a_membership_number_and_a_birth_rank_from_1()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Someone(new DateOnly(2015, 4, 2), birthRank: 0));
        Assert.ThrowsAny<ArgumentException>(() => new Beneficiary(
            BeneficiaryId.New(), AmcNumber.Parse("1"), " ", 1, new PersonName("A", null, "B"), new DateOnly(2000, 1, 1),
            MotherNir, Relationship.Holder, "C", new DateRange(new DateOnly(2025, 1, 1), null)));
    }
}
