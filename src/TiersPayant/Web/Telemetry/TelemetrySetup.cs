using System.Reflection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TiersPayant.Web.Telemetry;

/// <summary>
/// Metrics and traces over OTLP, only when <c>Telemetry:Otlp:Endpoint</c> is set: the embedded
/// default exports nothing. Metrics: the platform's own meters (<c>TiersPayant.*</c>: guard
/// decisions, disclosure log, logins), ASP.NET Core (request rate and duration by route), the
/// HTTP client, the runtime and Npgsql. Traces: ASP.NET Core, the HTTP client, the guard's
/// decision span and Npgsql's commands (parameterised SQL, never the values). Every tag is a
/// small closed set; URLs carry no personal data and their query values are redacted by the
/// instrumentation. No scrape endpoint is served: a Prometheus reads OTLP itself or through a
/// collector, so the platform never answers <c>/metrics</c> to whoever asks.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The service name on every metric and span.</summary>
    public const string ServiceName = "tierspayant";

    /// <summary>Every meter and activity source of the platform.</summary>
    public const string PlatformSources = "TiersPayant.*";

    public static WebApplicationBuilder AddTiersPayantTelemetry(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OtlpSettings.Section).Get<OtlpSettings>() ?? new OtlpSettings();
        if (settings.Endpoint is null)
        {
            return builder;
        }

        if (!settings.Endpoint.IsAbsoluteUri || settings.Endpoint.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{OtlpSettings.Section}:Endpoint must be an absolute http or https address.");
        }

        // http/protobuf posts each signal to its own path under the collector's address; gRPC takes the address as it is.
        Action<OtlpExporterOptions> Exporter(string signal) => otlp =>
        {
            otlp.Protocol = settings.Protocol;
            otlp.Endpoint = settings.Protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(settings.Endpoint.AbsoluteUri.TrimEnd('/') + "/v1/" + signal) : settings.Endpoint;
            otlp.Headers = settings.Headers;
        };

        var version = typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: version))
            .WithMetrics(metrics => metrics
                .AddMeter(PlatformSources, "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(Exporter("metrics")))
            .WithTracing(tracing => tracing
                .AddSource(PlatformSources, "Npgsql")
                // Health probes every few seconds would drown the traces; they are still counted in the metrics.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(Exporter("traces")));
        return builder;
    }
}

/// <summary>Where metrics and traces go (<c>Telemetry:Otlp</c>); nothing is exported without an endpoint.</summary>
public sealed class OtlpSettings
{
    public const string Section = "Telemetry:Otlp";

    /// <summary>The OTLP collector's address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (http/protobuf).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>Headers sent with each export, <c>key=value</c> separated by commas (e.g. a collector's bearer token).</summary>
    public string? Headers { get; set; }
}
