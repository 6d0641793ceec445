using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TiersPayant.Tests.Infrastructure;

/// <summary>
/// The real server (<c>Program</c>, default verb <c>serve</c>) in memory, on a test database with
/// its own data folder and keys; first-start seeding is kept small unless a test asks otherwise.
/// Requests arrive from 127.0.0.1, a trusted proxy: a test gives a browser another client address
/// with <c>X-Forwarded-For</c>, as a reverse proxy would.
/// </summary>
public sealed class PlatformFactory(TestDatabase database, int demoBeneficiaries = 200, TimeProvider? time = null) : WebApplicationFactory<Program>
{
    public TestDatabase Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(time));
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, LoopbackConnection>());
        builder.UseSetting("Network:TrustedProxies", "127.0.0.1");
        builder.UseSetting("Demo:Beneficiaries", demoBeneficiaries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in database.Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The in-memory server has no socket: its requests come from the loopback, as through a local proxy.</summary>
internal sealed class LoopbackConnection : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return following(context);
        });
        next(app);
    };
}
