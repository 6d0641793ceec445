using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.ApiClients;

/// <summary>
/// Forged, unknown, expired, replayed and misdirected assertions all get the same
/// <c>invalid_client</c>, and each is counted under its own reason.
/// </summary>
public sealed class TokenAbuseTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_assertions_are_refused_alike_and_counted_by_reason(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var practice = Practices(await SeedAsync(database))[1];
        var (clientId, keyId, keyPath) = await AddClientAsync(database, "--practice", practice.Id);
        var key = ReadPem(keyPath!, keyId!);
        await using var factory = new PlatformFactory(database);
        var client = factory.CreateClient();
        using var failures = new MetricCollector<long>(factory.Services.GetRequiredService<IMeterFactory>(), TokenFailureMetrics.MeterName, TokenFailureMetrics.CounterName);

        var genuine = Assertion(clientId, key);
        await AccessTokenAsync(await RequestTokenWithAssertionAsync(client, clientId, genuine));
        var attempts = new (string Reason, string ClientId, string Assertion)[]
        {
            ("replayed_assertion", clientId, genuine),
            ("invalid_signature", clientId, Assertion(clientId, NewKey(kid: keyId))),
            ("invalid_signature", clientId, Assertion(clientId, NewKey())),
            ("unknown_client", "tp-000000000000000000000000", Assertion("tp-000000000000000000000000", key)),
            ("expired_assertion", clientId, Assertion(clientId, key, expires: DateTime.UtcNow.AddMinutes(-10))),
            ("expired_assertion", clientId, Assertion(clientId, key, expires: DateTime.UtcNow.AddMinutes(30))),
            ("wrong_audience", clientId, Assertion(clientId, key, audience: "https://another-platform.example/")),
            ("malformed_assertion", clientId, Assertion(clientId, key, withJti: false)),
            ("invalid_signature", clientId, "not.a.jwt"),
        };

        string? description = null;
        foreach (var (reason, id, assertion) in attempts)
        {
            var response = await RequestTokenWithAssertionAsync(client, id, assertion);
            var text = await response.Content.ReadAsStringAsync(Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{reason}: {(int)response.StatusCode} {text}");
            using var body = JsonDocument.Parse(text);
            Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
            Assert.Equal("urn:tierspayant:problem:unauthorized", body.RootElement.GetProperty("type").GetString());
            Assert.False(body.RootElement.TryGetProperty("error_uri", out _));
            // One message for every failure: a caller cannot tell which check refused it.
            description ??= body.RootElement.GetProperty("error_description").GetString();
            Assert.Equal(description, body.RootElement.GetProperty("error_description").GetString());
        }

        var counted = failures.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags["reason"]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        var expected = attempts.GroupBy(a => a.Reason).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), counted.OrderBy(c => c.Key));
        Assert.All(failures.GetMeasurementSnapshot(), m => Assert.Equal(["reason"], m.Tags.Keys));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_scope_not_granted_and_another_grant_are_clear_oauth_errors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var practice = Practices(await SeedAsync(database))[0];
        var (clientId, keyId, keyPath) = await AddClientAsync(database, "--practice", practice.Id);
        var key = ReadPem(keyPath!, keyId!);
        await using var factory = new PlatformFactory(database);
        var client = factory.CreateClient();
        using var failures = new MetricCollector<long>(factory.Services.GetRequiredService<IMeterFactory>(), TokenFailureMetrics.MeterName, TokenFailureMetrics.CounterName);

        var scope = await RequestTokenWithAssertionAsync(client, clientId, Assertion(clientId, key), scope: "members");
        var password = await RequestTokenAsync(client, ("grant_type", "password"), ("username", "x"), ("password", "y"), ("client_id", clientId));

        Assert.Equal(HttpStatusCode.BadRequest, scope.StatusCode);
        Assert.Contains("\"invalid_scope\"", await scope.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Contains("\"unsupported_grant_type\"", await password.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(["scope_not_granted", "unsupported_grant_type"], failures.GetMeasurementSnapshot().Select(m => (string)m.Tags["reason"]!).Order());
    }
}
