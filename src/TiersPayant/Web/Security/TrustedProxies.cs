using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace TiersPayant.Web.Security;

/// <summary>
/// Behind a reverse proxy or load balancer every connection comes from the proxy: the client's
/// address (which login limits, session binding and the disclosure log rely on) and the scheme are
/// taken from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>, but only when the connection
/// comes from one of the proxies listed in <c>Network:TrustedProxies</c> (addresses or CIDR
/// networks, separated by commas or spaces). With none listed, the headers are ignored: anyone can
/// write them.
/// </summary>
internal static class TrustedProxies
{
    public const string Key = "Network:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = Parse(configuration[Key]);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts the loopback by default; only what is configured is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            // Every proxy of the chain must be listed: the client is the first address not trusted.
            options.ForwardLimit = null;
        });
        return services;
    }

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (Parse(app.Configuration[Key]).Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>The configured networks; a wrong entry stops the start, naming the setting.</summary>
    internal static List<System.Net.IPNetwork> Parse(string? value)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (value ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new InvalidOperationException($"{Key}: '{entry}' is neither an IP address nor a CIDR network.");
            }
        }

        return networks;
    }
}
