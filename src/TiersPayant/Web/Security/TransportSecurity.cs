namespace TiersPayant.Web.Security;

/// <summary>HSTS and the redirection to HTTPS, each only where it makes sense.</summary>
internal static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services) =>
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        // A developer's browser would remember HSTS for localhost and refuse plain HTTP for a year.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Behind a TLS-terminating proxy the node listens on HTTP only; redirecting there would loop.
        if (HasHttpsEndpoint(app.Configuration))
        {
            app.UseHttpsRedirection();
        }

        return app;
    }

    internal static bool HasHttpsEndpoint(IConfiguration configuration)
    {
        if (ListsHttps(configuration["urls"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"]))
        {
            return true;
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (ListsHttps(endpoint["Url"]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ListsHttps(string? urls) =>
        urls is not null
        && urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(url => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
