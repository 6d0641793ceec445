using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TiersPayant.Web.Security;

namespace TiersPayant.Tests.Web;

public sealed class HostingSetupTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Theory]
    [InlineData("urls", "http://127.0.0.1:5080", false)]
    [InlineData("urls", "http://127.0.0.1:5080; https://127.0.0.1:5443", true)]
    [InlineData("https_ports", "443", true)]
    [InlineData("Kestrel:Endpoints:Public:Url", "https://0.0.0.0:8443", true)]
    [InlineData("Kestrel:Endpoints:Internal:Url", "http://0.0.0.0:8080", false)]
    public void Https_redirection_is_on_only_when_an_https_endpoint_is_configured(string key, string value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        Assert.Equal(expected, TransportSecurity.HasHttpsEndpoint(configuration));
    }

    [Fact]
    public void Logs_are_json_outside_development()
    {
        using var production = host.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

        var console = production.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = production.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.False(json.IncludeScopes);
    }

    [Fact]
    public void Logs_stay_readable_in_development()
    {
        var console = host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.NotEqual(ConsoleFormatterNames.Json, console.FormatterName);
    }
}
