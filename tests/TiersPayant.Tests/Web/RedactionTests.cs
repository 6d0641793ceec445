using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiersPayant.Web.Logging;

namespace TiersPayant.Tests.Web;

public sealed partial class RedactionTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    private const string Nir = "184127512345678";

    [Fact]
    public void Personal_data_is_erased_from_logs()
    {
        var logger = host.Services.GetRequiredService<ILogger<RedactionTests>>();

        RightsChecked(logger, Nir, "optique");

        var record = Assert.Single(host.Logs.GetSnapshot(), log => log.Id.Id == 9001);
        Assert.DoesNotContain(Nir, record.Message, StringComparison.Ordinal);
        Assert.Contains("optique", record.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, record.GetStructuredStateValue("Nir"));
    }

    [Fact]
    public void Sensitive_data_is_erased_without_a_key()
    {
        var logger = host.Services.GetRequiredService<ILogger<RedactionTests>>();

        ClientSeen(logger, "198.51.100.7");

        var record = Assert.Single(host.Logs.GetSnapshot(), log => log.Id.Id == 9002);
        Assert.Equal(string.Empty, record.GetStructuredStateValue("ClientAddress"));
    }

    [Fact]
    public void Sensitive_data_is_a_keyed_hash_when_a_key_is_configured()
    {
        // Generated here, so that no key ever sits in the repository.
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        using var keyed = host.WithWebHostBuilder(builder => builder
            .UseSetting(LoggingSetup.HmacSection + ":KeyId", "7")
            .UseSetting(LoggingSetup.HmacSection + ":Key", key));
        var logger = keyed.Services.GetRequiredService<ILogger<RedactionTests>>();
        var logs = keyed.Services.GetFakeLogCollector();

        ClientSeen(logger, "198.51.100.7");
        ClientSeen(logger, "198.51.100.7");
        ClientSeen(logger, "198.51.100.8");

        var hashes = logs.GetSnapshot().Where(log => log.Id.Id == 9002).Select(log => log.GetStructuredStateValue("ClientAddress")).ToList();
        Assert.Equal(3, hashes.Count);
        Assert.All(hashes, hash => Assert.DoesNotContain("198.51.100", hash, StringComparison.Ordinal));
        Assert.All(hashes, hash => Assert.False(string.IsNullOrEmpty(hash)));
        Assert.Equal(hashes[0], hashes[1]);
        Assert.NotEqual(hashes[0], hashes[2]);
    }

    [Fact]
    public async Task Request_query_strings_are_not_logged()
    {
        using var client = host.CreateClient();

        await client.GetAsync($"/health?nir={Nir}", TestContext.Current.CancellationToken);
        await client.SendAsync(WebTestHost.Page($"/?nir={Nir}"), TestContext.Current.CancellationToken);

        Assert.NotEmpty(host.Logs.GetSnapshot());
        Assert.DoesNotContain(host.Logs.GetSnapshot(), log =>
            log.Message.Contains(Nir, StringComparison.Ordinal)
            || (log.StructuredState ?? []).Any(pair => pair.Value?.Contains(Nir, StringComparison.Ordinal) == true));
    }

    // What a feature's log method looks like: the classification travels with the parameter.
    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Rights checked for {Nir} in {Domain}")]
    private static partial void RightsChecked(ILogger logger, [PersonalData] string nir, string domain);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Client {ClientAddress} seen")]
    private static partial void ClientSeen(ILogger logger, [SensitiveData] string clientAddress);
}
