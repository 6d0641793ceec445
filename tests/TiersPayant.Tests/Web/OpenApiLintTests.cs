using System.Text.Json.Nodes;

namespace TiersPayant.Tests.Web;

/// <summary>
/// The OpenAPI document the server serves passes Redocly's recommended rules (the pinned
/// <c>@redocly/cli</c> of <c>tools/openapi-lint</c>) with no error and no warning.
/// </summary>
public sealed class OpenApiLintTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task The_served_openapi_document_has_no_redocly_error_or_warning()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var linter = await RedoclyLint.RequireAsync(cancellation);
        using var client = host.CreateClient();
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), cancellation);
        var served = Path.Combine(host.DataDirectory, "openapi.json");
        await File.WriteAllTextAsync(served, json, cancellation);
        // The same document without a licence and with an operation without a success response: the linter sees both.
        var broken = JsonNode.Parse(json)!;
        broken["info"]!.AsObject().Remove("license");
        broken["paths"]!["/api/v1/claims/{claimId}"]!["get"]!["responses"]!.AsObject().Remove("200");
        var brokenFile = Path.Combine(host.DataDirectory, "openapi-broken.json");
        await File.WriteAllTextAsync(brokenFile, broken.ToJsonString(), cancellation);

        var (errors, warnings, problems) = await RedoclyLint.LintAsync(linter, served, cancellation);
        var control = await RedoclyLint.LintAsync(linter, brokenFile, cancellation);

        Assert.True(errors == 0 && warnings == 0,
            $"redocly lint (recommended): {errors} errors, {warnings} warnings in /openapi/v1.json:\n" + string.Join('\n', problems));
        Assert.Contains(control.Problems, p => p.RuleId == "info-license");
        Assert.Contains(control.Problems, p => p.RuleId == "operation-2xx-response");
    }
}
