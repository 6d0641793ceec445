using System.Diagnostics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiersPayant.Tests.Web.Fuzz;

namespace TiersPayant.Tests.Web;

/// <summary>
/// Every endpoint of the platform (API, FHIR, portal pages, from the EndpointDataSource) gets a
/// deterministic table of malformed requests (bodies, headers, cookies, encodings, paths and
/// query strings) from an anonymous visitor, a logged-in professional and a practice's
/// software. Whatever they send, the answer is never a 5xx and nothing is logged as an error.
/// </summary>
public sealed class FuzzTests
{
    [Fact]
    public async Task No_malformed_request_to_any_endpoint_gets_a_5xx_or_logs_an_error()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var platform = await FuzzPlatform.StartAsync();
        var endpoints = platform.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var targets = FuzzTarget.From(endpoints, platform);
        var failures = new List<string>();
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;
        var key = 0;
        var clock = Stopwatch.StartNew();
        foreach (var target in targets)
        {
            // A case may have logged the professional out, and a token lasts 5 minutes.
            await platform.KeepProfessionalSessionAsync();
            await platform.KeepBearerAsync();
            FuzzIdentity[] identities =
            [
                new("anonymous", platform.AnonymousCookies, null, platform.AnonymousToken),
                new("professional", platform.ProfessionalCookies, null, platform.ProfessionalToken),
                new("api", new Dictionary<string, string>(), platform.Bearer, null),
            ];
            foreach (var identity in identities)
            {
                var fields = target.IsPage && target.Method == "POST" ? await platform.FormFieldsAsync(target.Path(), new(identity.Cookies)) : [];
                foreach (var request in FuzzRequests.For(target, identity, fields, platform.AntiforgeryCookie, () => $"fuzz-{++key}"))
                {
                    sent++;
                    var status = await SendAsync(platform.Http, request, cancellation);
                    answers[$"{request.Identity} {request.Method} {target.Route} {request.Case}"] = status ?? 0;
                    if (status is null or >= 500)
                    {
                        failures.Add($"{status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"} for {request.Describe()}");
                    }
                }

                foreach (var raw in RawCases.For(target, identity, platform.BaseAddress))
                {
                    sent++;
                    var status = await RawHttp.SendAsync(platform.BaseAddress, raw.Head, raw.Body, raw.CloseAfterBody, cancellation);
                    // No answer is fair here: a server may close on framing it cannot trust.
                    answers[$"{raw.Identity} {raw.Method} {target.Route} raw {raw.Case}"] = status ?? 0;
                    if (status is >= 500)
                    {
                        failures.Add($"{status} for {raw.Describe()}");
                    }
                }
            }
        }

        var errors = platform.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error)
            .Select(r => $"{r.Category}: {r.Message} {r.Exception?.GetType().Name} at {r.Exception?.TargetSite?.DeclaringType?.Name}.{r.Exception?.TargetSite?.Name}")
            .Distinct().ToList();
        var statuses = answers.Values.GroupBy(v => v).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        TestContext.Current.TestOutputHelper?.WriteLine($"{sent} requests to {targets.Count} endpoint methods in {clock.Elapsed.TotalSeconds:F0} s; "
            + "last answer per case: " + string.Join(", ", statuses));
        // The run reached past authentication: each caller's valid requests were served.
        Assert.Equal(200, answers["api POST api/v1/eligibility body: valid body"]);
        Assert.Equal(201, answers["api POST api/v1/agreements body: valid body"]);
        Assert.Equal(200, answers["api POST fhir/r4/CoverageEligibilityRequest body: valid body"]);
        Assert.Equal(200, answers["professional GET droits query page huge"]);
        Assert.Equal(200, answers["professional POST compte body: valid form"]);
        Assert.Equal(400, answers["professional POST compte body: no antiforgery token"]);
        Assert.Equal(200, answers["anonymous GET connexion query culture unknown"]);
        Assert.True(failures.Count == 0 && errors.Count == 0, $"{failures.Count} of {sent} requests got a 5xx or no answer:\n"
            + string.Join('\n', failures.Take(400)) + $"\n{errors.Count} errors logged during the run:\n" + string.Join('\n', errors.Take(100)));
    }

    private static async Task<int?> SendAsync(HttpClient http, FuzzRequest request, CancellationToken cancellation)
    {
        // Absolute, so that a target such as "//" stays a path and is not read as a host.
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(http.BaseAddress!.GetLeftPart(UriPartial.Authority) + request.Target));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            // A server refuses a body past its limit before reading it, and closes: asked first, it
            // answers 413 before the client has written bytes it would then fail to send.
            message.Headers.ExpectContinue = request.Body.Length > 8 * 1024;
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellation);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
