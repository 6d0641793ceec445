using TiersPayant.Domain.Practices;

namespace TiersPayant.Domain.Tests.Practices;

public class PracticeTests
{
    // FINESS-like 75000001 + check: from the right 1→2, 0, 0, 0, 0, 0, 5→1 (10 − 9), 7; sum 10; check 0.
    private const string Finess = "750000010";

    [Fact]
    public void Establishment_with_a_valid_finess_is_created()
    {
        var practice = Practice.Create(PracticeId.New(), Profession.Etablissement, " Clinique du Parc ", " Lyon ", "691234567", Finess);

        Assert.Equal("Clinique du Parc", practice.Name);
        Assert.Equal("Lyon", practice.City);
        Assert.Equal(Finess, practice.Finess);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("750000011")]
    [InlineData("75000001")]
    [InlineData("0750000010")]
    [InlineData("00750000010")]
    public void Establishment_without_a_valid_9_digit_finess_is_refused(string? finess)
    {
        Assert.Throws<ArgumentException>(() =>
            Practice.Create(PracticeId.New(), Profession.Etablissement, "Clinique", "Lyon", "691234567", finess));
    }

    [Fact]
    public void Finess_given_for_another_profession_is_not_kept()
    {
        var practice = Practice.Create(PracticeId.New(), Profession.Opticien, "Optique Centrale", "Nantes", "441234567", Finess);

        Assert.Null(practice.Finess);
    }

    [Theory]
    [InlineData("44123456")]
    [InlineData("4412345678")]
    [InlineData("44123456A")]
    public void Practice_without_a_9_digit_billing_number_is_refused(string billingNumber)
    {
        Assert.Throws<ArgumentException>(() =>
            Practice.Create(PracticeId.New(), Profession.Opticien, "Optique Centrale", "Nantes", billingNumber, null));
    }
}
