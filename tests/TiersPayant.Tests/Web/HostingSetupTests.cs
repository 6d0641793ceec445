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
    public void Console_logs_are_lines_a_person_reads_unless_json_is_configured()
    {
        using var production = host.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        using var shipped = host.WithWebHostBuilder(builder => builder.UseEnvironment("Production").UseSetting("Logging:Console:FormatterName", "json"));

        var terminal = production.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var simple = production.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        var collector = shipped.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = shipped.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Simple, terminal.FormatterName);
        Assert.True(simple.SingleLine);
        Assert.False(simple.IncludeScopes);
        Assert.Equal(ConsoleFormatterNames.Json, collector.FormatterName);
        Assert.False(json.IncludeScopes);
    }
}
