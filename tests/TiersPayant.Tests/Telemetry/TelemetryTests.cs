using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Audit;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Web.Telemetry;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Telemetry;

public sealed class TelemetryTests
{
    [Fact]
    public async Task A_rights_check_counts_and_traces_the_guard_decision_by_outcome_with_no_personal_data_in_any_tag()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync();
        var card = kit.Cards()[0];
        var meters = kit.Factory.Services.GetRequiredService<IMeterFactory>();
        using var decisions = new MetricCollector<long>(meters, GuardMetrics.MeterName, GuardMetrics.DecisionsName);
        using var appended = new MetricCollector<long>(meters, AuditMetrics.MeterName, AuditMetrics.AppendedName);
        using var unsigned = new MetricCollector<long>(meters, AuditMetrics.MeterName, AuditMetrics.UnsignedName);
        using var tags = new EveryTag(meters);

        Assert.Equal(HttpStatusCode.OK, (await kit.CheckAsync(token, EligibilityKit.Body(card))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kit.CheckAsync(token, EligibilityKit.Body(card, firstName: "Inconnue"))).StatusCode);

        var decided = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal(1, decided.Value);
        Assert.Equal(("allow", "none", "api", "pharmacien"),
            (decided.Tags["outcome"], decided.Tags["reason"], decided.Tags["channel"], decided.Tags["profession"]));
        Assert.True(appended.GetMeasurementSnapshot().Sum(m => m.Value) >= 1);
        // The disclosure is committed before the answer; the next checkpoint has not signed it yet.
        unsigned.RecordObservableInstruments();
        Assert.True(unsigned.LastMeasurement?.Value >= 1);
        await kit.Factory.Services.GetRequiredService<MerkleLog>().CheckpointAsync(Cancellation);
        unsigned.RecordObservableInstruments();
        Assert.Equal(0, unsigned.LastMeasurement?.Value);

        var spans = tags.Spans.Where(s => s.GetTagItem("channel") as string == "api").ToList();
        Assert.Contains(spans, s => s.GetTagItem("outcome") as string == "allow" && s.GetTagItem("path") as string == "card");
        Assert.Contains(spans, s => s.GetTagItem("outcome") as string == "no-match");
        var personal = new[] { "lastName", "firstName", "memberNumber", "birthDate" }.Select(f => card.GetProperty(f).GetString()!).Append("Inconnue").ToList();
        var values = tags.Values.Concat(spans.SelectMany(s => s.TagObjects.Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")));
        Assert.NotEmpty(tags.Values);
        Assert.DoesNotContain(values, v => personal.Any(p => v.Contains(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task The_platform_serves_no_scrape_endpoint()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Telemetry:Otlp:Endpoint", "http://127.0.0.1:9"));
        var token = await kit.TokenAsync();
        using var anonymous = await kit.Client.GetAsync(new Uri("/metrics", UriKind.Relative), Cancellation);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new("Bearer", token) } };
        using var authenticated = await kit.Client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, authenticated.StatusCode);
        Assert.NotNull(kit.Factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void Nothing_is_exported_unless_an_endpoint_is_configured()
    {
        Assert.Null(Providers(null).Meters);
        Assert.Null(Providers(null).Tracer);
        var (configuredMeters, configuredTracer) = Providers("http://otel-collector:4318");
        Assert.NotNull(configuredMeters);
        Assert.NotNull(configuredTracer);
        Assert.Throws<InvalidOperationException>(() => Providers("otel-collector:4317"));
    }

    private static (MeterProvider? Meters, TracerProvider? Tracer) Providers(string? endpoint)
    {
        var builder = WebApplication.CreateBuilder();
        if (endpoint is not null)
        {
            builder.Configuration[OtlpSettings.Section + ":Endpoint"] = endpoint;
            builder.Configuration[OtlpSettings.Section + ":Protocol"] = "HttpProtobuf";
        }

        builder.AddTiersPayantTelemetry();
        using var app = builder.Build();
        return (app.Services.GetService<MeterProvider>(), app.Services.GetService<TracerProvider>());
    }

    /// <summary>Every tag value of every measurement of the platform's meters (this host's only), and the guard's spans.</summary>
    private sealed class EveryTag : IDisposable
    {
        private readonly MeterListener _meters = new();
        private readonly ActivityListener _spans;

        public EveryTag(IMeterFactory factory)
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name.StartsWith("TiersPayant.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((_, _, tags, _) => Add(tags));
            _meters.SetMeasurementEventCallback<double>((_, _, tags, _) => Add(tags));
            _meters.Start();
            _spans = new ActivityListener
            {
                ShouldListenTo = source => source.Name == GuardMetrics.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Spans.Add,
            };
            ActivitySource.AddActivityListener(_spans);
        }

        public ConcurrentBag<string> Values { get; } = [];

        public ConcurrentBag<Activity> Spans { get; } = [];

        public void Dispose()
        {
            _meters.Dispose();
            _spans.Dispose();
        }

        private void Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                Values.Add(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
        }
    }
}
