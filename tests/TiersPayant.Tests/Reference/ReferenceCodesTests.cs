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
}
