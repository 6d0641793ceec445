using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TiersPayant.Tests.Infrastructure;

/// <summary>
/// The real server (<c>Program</c>, default verb <c>serve</c>) in memory, on a test database with
/// its own data folder and keys; first-start seeding is kept small unless a test asks otherwise.
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

        builder.UseSetting("Demo:Beneficiaries", demoBeneficiaries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in database.Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
