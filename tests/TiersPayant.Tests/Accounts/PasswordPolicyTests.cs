using TiersPayant.Security.Accounts;

namespace TiersPayant.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    [Fact]
    public void The_blocklist_comes_from_the_package_and_has_at_least_ten_thousand_entries() =>
        Assert.True(PasswordPolicy.BlocklistSize >= 10_000, $"{PasswordPolicy.BlocklistSize} entries");

    [Theory]
    [InlineData("court", "PasswordTooShort")]
    [InlineData("onzecaracte", "PasswordTooShort")]
    [InlineData("password1234", "PasswordCommon")]
    [InlineData("1234567890123", "PasswordWeak")]
    [InlineData("Tierspayant2026!", "PasswordPersonal")]
    [InlineData("jean.lefevre-mai-2026", "PasswordPersonal")]
    [InlineData("aaaaaaaaaaaaaaaa", "PasswordWeak")]
    [InlineData("azertyuiopqsdf", "PasswordWeak")]
    public void Weak_common_or_personal_passwords_are_refused(string password, string code)
    {
        var result = PasswordPolicy.Check(password, ["jean.lefevre", "Jean Lefèvre"]);

        Assert.False(result.Succeeded);
        Assert.Equal(code, Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("grenouille-boussole-mistral-42")]
    [InlineData("le chat dort sur la lune bleue")]
    [InlineData("correct horse battery staple")]
    public void Long_passphrases_without_composition_rules_are_accepted(string password) =>
        Assert.True(PasswordPolicy.Check(password, ["jean.lefevre", "Jean Lefèvre"]).Succeeded);

    [Fact]
    public void Names_are_recognised_whatever_their_accents_and_case() =>
        Assert.Equal("PasswordPersonal", Assert.Single(PasswordPolicy.Check("LEFEVRE-des-montagnes-bleues", ["Jean Lefèvre"]).Errors).Code);
}
