using Microsoft.Extensions.Configuration;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.ApiClients;

/// <summary>Token keys are shared by every node: generated only for the embedded default, required elsewhere.</summary>
public sealed class TokenKeysTests
{
    [Fact]
    public async Task On_PostgreSQL_the_server_does_not_start_without_configured_token_keys()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        database.Settings.Remove("Accounts:ApiClients:SigningKey");
        database.Settings.Remove("Accounts:ApiClients:EncryptionKey");
        await using var factory = new PlatformFactory(database);

        // The command line reports the reason on standard error and exits 1; the factory only sees no server.
        Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var refused = Assert.Throws<InvalidOperationException>(() => TokenKeys.Load(configuration, mayGenerate: false, database.DataDirectory));
        Assert.Contains("Accounts:ApiClients:SigningKey", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(database.DataDirectory, TokenKeys.FileName)));
    }

    [Fact]
    public async Task The_embedded_default_generates_owner_only_keys_once_and_keeps_them()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings.Remove("Accounts:ApiClients:SigningKey");
        database.Settings.Remove("Accounts:ApiClients:EncryptionKey");
        database.Settings["Demo:SeedOnFirstStart"] = "false";
        var path = Path.Combine(database.DataDirectory, "token-keys.json");

        await using (var first = new PlatformFactory(database))
        {
            first.CreateClient();
        }

        var generated = await File.ReadAllTextAsync(path, Cancellation);
        await using (var second = new PlatformFactory(database))
        {
            second.CreateClient();
        }

        Assert.Equal(generated, await File.ReadAllTextAsync(path, Cancellation));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
