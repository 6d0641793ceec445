using System.Text.Json;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.ApiClients;

/// <summary><c>tiers clients add</c>: bad usage is exit 2 with a message naming the option.</summary>
public sealed class ClientsCommandTests
{
    [Fact]
    public async Task Help_documents_the_options()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var help = await database.RunAsync("clients", "add", "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--practice", "--name", "--jwks", "--certificate", "--data" })
        {
            Assert.Contains(option, help.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_practices_keys_and_certificates_are_bad_usage_naming_the_option()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var practice = Practices(await SeedAsync(database))[0];
        var privateSet = Path.Combine(database.DataDirectory, "private.jwks.json");
        var key = NewKey();
        var jwk = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
        await File.WriteAllTextAsync(privateSet, JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", crv = jwk.Crv, x = jwk.X, y = jwk.Y, d = jwk.D } } }), Cancellation);
        var notJson = Path.Combine(database.DataDirectory, "garbage.json");
        await File.WriteAllTextAsync(notJson, "{ not json", Cancellation);
        var certificate = Path.Combine(database.DataDirectory, "server.crt");
        using (var serverOnly = MutualTlsTests.ClientCertificate("CN=x"))
        {
            await File.WriteAllBytesAsync(certificate, [.. serverOnly.RawData.Take(40)], Cancellation);
        }

        var cases = new (string[] Args, string Names)[]
        {
            (["clients", "add", "--practice", Guid.NewGuid().ToString("N")], "--practice"),
            (["clients", "add", "--practice", "not-an-id"], "--practice"),
            (["clients", "add"], "--practice"),
            (["clients", "add", "--practice", practice.Id, "--jwks", privateSet], "--jwks"),
            (["clients", "add", "--practice", practice.Id, "--jwks", notJson], "--jwks"),
            (["clients", "add", "--practice", practice.Id, "--certificate", certificate], "--certificate"),
            (["clients", "add", "--practice", practice.Id, "--jwks", notJson, "--certificate", certificate], "--certificate"),
        };
        foreach (var (args, names) in cases)
        {
            var result = await database.RunAsync(args);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', args)}: exit {result.ExitCode} {result.Output} {result.Error}");
            Assert.Contains(names, result.Error, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(database.DataDirectory, "clients")));
    }
}
