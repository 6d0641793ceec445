using System.Net;
using System.Text.Json;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Reference;

public sealed class ReferenceCodesTests
{
    [Fact]
    public async Task Optics_codes_come_with_their_class_kind_and_statutory_base()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings["Demo:SeedOnFirstStart"] = "false";
        await using var factory = new PlatformFactory(database);
        var client = factory.CreateClient();

        var optics = await client.GetAsync(new Uri("/api/v1/reference/codes?domain=optique", UriKind.Relative), TestContext.Current.CancellationToken);
        var unknown = await client.GetAsync(new Uri("/api/v1/reference/codes?domain=boulangerie", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, optics.StatusCode);
        using var json = JsonDocument.Parse(await optics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var codes = json.RootElement.EnumerateArray().ToList();
        Assert.All(codes, c => Assert.Equal("optique", c.GetProperty("domain").GetString()));
        Assert.Contains(codes, c => c.GetProperty("kind").GetString() == "frame" && c.GetProperty("class").GetString() == "A");
        Assert.Contains(codes, c => c.GetProperty("kind").GetString() == "lens-complex" && c.GetProperty("class").GetString() == "B"
            && c.GetProperty("statutoryBaseCents").GetInt64() == 5);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("\"domain\"", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_code_shows_its_validity_and_the_source_of_every_figure_on_the_day_asked()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings["Demo:SeedOnFirstStart"] = "false";
        await using var factory = new PlatformFactory(database);
        var client = factory.CreateClient();
        var cancellation = TestContext.Current.CancellationToken;

        async Task<JsonElement> CrownAsync(string on)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/reference/codes?domain=dentaire&on=" + on, UriKind.Relative), cancellation));
            return json.RootElement.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "HBLD734").Clone();
        }

        var before = await CrownAsync("2023-10-14");
        var after = await CrownAsync("2023-10-15");
        var prior = await CrownAsync("2019-06-01");
        var badDate = await client.GetAsync(new Uri("/api/v1/reference/codes?domain=dentaire&on=15/10/2023", UriKind.Relative), cancellation);

        Assert.Equal((12_000, 70), (before.GetProperty("statutoryBaseCents").GetInt64(), before.GetProperty("statutoryRate").GetInt32()));
        Assert.Equal(60, after.GetProperty("statutoryRate").GetInt32());
        Assert.True(after.GetProperty("inForce").GetBoolean());
        Assert.False(prior.GetProperty("inForce").GetBoolean());
        Assert.Equal("2020-01-01", after.GetProperty("validFrom").GetString());
        Assert.False(after.GetProperty("example").GetBoolean());
        var sources = after.GetProperty("sources").EnumerateArray().ToList();
        Assert.Contains(sources, s => s.GetProperty("figure").GetString() == "rate" && s.GetProperty("validFrom").GetString() == "2023-10-15"
            && s.GetProperty("url").GetString()!.StartsWith("https://", StringComparison.Ordinal));
        Assert.All(sources, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("title").GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("\"on\"", await badDate.Content.ReadAsStringAsync(cancellation), StringComparison.Ordinal);
    }
}
