using System.Collections.Concurrent;
using System.Net;

namespace TiersPayant.Tests.Fhir;

/// <summary>
/// Every answer under <c>/fhir/r4</c> that a test's FHIR client received, errors included, kept per
/// test so that the test can prove each is a valid R4 resource served as <c>application/fhir+json</c>.
/// </summary>
internal static class FhirResponses
{
    /// <summary>One answer: what was asked, the status, the media type and the body.</summary>
    public sealed record Answer(string Request, HttpStatusCode Status, string? MediaType, string Body)
    {
        public override string ToString() => $"{Request} -> {(int)Status} {MediaType}";
    }

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> ByTest = new(StringComparer.Ordinal);

    private static string CurrentTest => TestContext.Current.Test?.UniqueID ?? "outside a test";

    /// <summary>The answers the current test received so far, taken out of the log.</summary>
    public static IReadOnlyList<Answer> TakeForCurrentTest() => ByTest.TryRemove(CurrentTest, out var answers) ? [.. answers] : [];

    /// <summary>
    /// Asserts that every FHIR answer of the current test is a valid R4 resource (Firely's
    /// validator, 0 errors) in <c>application/fhir+json</c>. A test skipped before its first
    /// request (PostgreSQL missing) has none.
    /// </summary>
    public static void AssertAllValidForCurrentTest()
    {
        var answers = TakeForCurrentTest();
        var problems = new List<string>();
        foreach (var answer in answers)
        {
            if (answer.MediaType != "application/fhir+json")
            {
                problems.Add($"{answer}: not application/fhir+json");
            }

            problems.AddRange(R4Validator.Errors(answer.Body).Select(e => $"{answer}: {e}"));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems in {answers.Count} FHIR answers:\n" + string.Join('\n', problems));
    }

    /// <summary>Records what passes through it, before the FHIR client reads it.</summary>
    public sealed class Recorder : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath.StartsWith("/fhir/r4", StringComparison.OrdinalIgnoreCase) == true)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                ByTest.GetOrAdd(CurrentTest, _ => new ConcurrentQueue<Answer>())
                    .Enqueue(new Answer($"{request.Method} {request.RequestUri.AbsolutePath}", response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
            }

            return response;
        }
    }
}
