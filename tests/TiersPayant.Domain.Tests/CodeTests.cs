using TiersPayant.Domain.Members;
using TiersPayant.Domain.Practices;

namespace TiersPayant.Domain.Tests;

public class CodeTests
{
    [Fact]
    public void Every_profession_code_reads_back_as_the_same_profession()
    {
        foreach (var profession in Professions.All)
        {
            Assert.True(Professions.TryParse(profession.Code(), out var read));
            Assert.Equal(profession, read);
        }
    }

    [Theory]
    [InlineData("chirurgien-dentiste", Profession.ChirurgienDentiste)]
    [InlineData(" Chirurgien-Dentiste ", Profession.ChirurgienDentiste)]
    [InlineData("audioprothesiste", Profession.Audioprothesiste)]
    [InlineData("PHARMACIEN", Profession.Pharmacien)]
    public void Profession_code_is_read_ignoring_case_and_surrounding_spaces(string code, Profession expected)
    {
        Assert.True(Professions.TryParse(code, out var profession));
        Assert.Equal(expected, profession);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("chirurgiendentiste")]
    [InlineData("dentiste")]
    [InlineData("ChirurgienDentiste")]
    public void Unknown_profession_code_is_refused(string? code)
    {
        Assert.False(Professions.TryParse(code, out _));
    }

    [Fact]
    public void Profession_codes_are_distinct_lower_case()
    {
        var codes = Professions.All.Select(p => p.Code()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Equal(code.ToLowerInvariant(), code));
        Assert.Equal("chirurgien-dentiste", Profession.ChirurgienDentiste.Code());
    }

    [Fact]
    public void Every_profession_bills_in_at_least_one_domain()
    {
        Assert.All(Professions.All, profession => Assert.NotEmpty(profession.Domains()));
        Assert.Equal([CareDomain.Audioprothese], Profession.Audioprothesiste.Domains());
        Assert.Equal([CareDomain.Dentaire], Profession.ChirurgienDentiste.Domains());
    }

    [Fact]
    public void Every_domain_code_reads_back_as_the_same_domain()
    {
        foreach (var domain in CareDomains.All)
        {
            Assert.True(CareDomains.TryParse(domain.Code(), out var read));
            Assert.Equal(domain, read);
        }
    }

    [Fact]
    public void Domain_codes_are_those_of_the_domain_notes()
    {
        Assert.Equal(
            ["pharmacie", "optique", "audioprothese", "dentaire", "hospitalisation", "laboratoire", "medecin", "auxiliaire", "radiologie", "transport"],
            CareDomains.All.Select(d => d.Code()));
    }

    [Theory]
    [InlineData("audioprothese", CareDomain.Audioprothese)]
    [InlineData("Audioprothese", CareDomain.Audioprothese)]
    [InlineData(" optique", CareDomain.Optique)]
    public void Domain_code_is_read_ignoring_case_and_surrounding_spaces(string code, CareDomain expected)
    {
        Assert.True(CareDomains.TryParse(code, out var domain));
        Assert.Equal(expected, domain);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("audio")]
    [InlineData("audioprothèse")]
    [InlineData("2")]
    public void Unknown_domain_code_is_refused(string? code)
    {
        Assert.False(CareDomains.TryParse(code, out _));
    }

    [Fact]
    public void Every_relationship_code_reads_back_as_the_same_relationship()
    {
        Assert.Equal(["holder", "spouse", "child", "other"], Enum.GetValues<Relationship>().Select(r => r.Code()));
        foreach (var relationship in Enum.GetValues<Relationship>())
        {
            Assert.True(RelationshipCodes.TryParse(relationship.Code().ToUpperInvariant(), out var read));
            Assert.Equal(relationship, read);
        }

        Assert.False(RelationshipCodes.TryParse("parent", out _));
    }
}
