using TiersPayant.Accounts.ProSanteConnect;

namespace TiersPayant.Tests.Federation;

public sealed class FederationPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static string Epoch(DateTimeOffset instant) => instant.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("eidas1", "eidas1", true)]
    [InlineData("eidas3", "eidas1", true)]
    [InlineData("eidas2", "eidas2", true)]
    [InlineData("eidas1", "eidas2", false)]
    [InlineData("eidas4", "eidas1", false)]
    [InlineData("EIDAS3", "eidas1", false)]
    [InlineData(null, "eidas1", false)]
    [InlineData("", "eidas1", false)]
    public void An_acr_passes_only_at_or_above_the_required_known_level(string? acr, string required, bool passes) =>
        Assert.Equal(passes, FederationPolicy.AcrSatisfies(acr, ["eidas1", "eidas2", "eidas3"], required));

    [Fact]
    public void Authentication_time_must_be_present_recent_and_not_in_the_future()
    {
        var options = new ProSanteConnectOptions { MaxAuthenticationAge = TimeSpan.FromMinutes(10) };

        Assert.Null(FederationPolicy.CheckAuthentication("eidas1", Epoch(Now.AddMinutes(-9)), Now, options));
        Assert.Null(FederationPolicy.CheckAuthentication("eidas1", Epoch(Now.AddSeconds(30)), Now, options));
        Assert.Equal(FederationRefusal.AuthTimeTooOld, FederationPolicy.CheckAuthentication("eidas1", Epoch(Now.AddMinutes(-11)), Now, options));
        Assert.Equal(FederationRefusal.AuthTimeInvalid, FederationPolicy.CheckAuthentication("eidas1", Epoch(Now.AddMinutes(5)), Now, options));
        Assert.Equal(FederationRefusal.AuthTimeInvalid, FederationPolicy.CheckAuthentication("eidas1", null, Now, options));
        Assert.Equal(FederationRefusal.AuthTimeInvalid, FederationPolicy.CheckAuthentication("eidas1", "yesterday", Now, options));
        Assert.Equal(FederationRefusal.AcrInsufficient, FederationPolicy.CheckAuthentication(null, Epoch(Now), Now, options));
    }

    [Theory]
    [InlineData("810101201234", "10101201234")]
    [InlineData("10101201234", "10101201234")]
    [InlineData("012345678", null)]
    [InlineData("0123456789", null)]
    [InlineData("ANS20231122132732", null)]
    [InlineData("710101201234", null)]
    [InlineData("8101012012a4", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_RPPS_is_read_from_the_national_identifier(string? identifier, string? rpps) =>
        Assert.Equal(rpps, FederationPolicy.Rpps(identifier));
}
