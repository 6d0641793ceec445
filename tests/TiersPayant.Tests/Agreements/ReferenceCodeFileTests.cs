using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain.Agreements;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.Cli.CommandLineTests;

namespace TiersPayant.Tests.Agreements;

/// <summary>
/// The operator's code file (<c>Reference:CodesFile</c>): the official list's codes laid over the
/// shipped ones, checked with <c>tiers reference check</c> before the nodes load them.
/// </summary>
public sealed class ReferenceCodeFileTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private const string Header = "code;label;domain;kind;class;regime;valid_from;valid_to;base_cents;rate;price_limit_cents;age_from;age_to;"
        + "source_title;source_article;source_date;source_url;source_kind";

    // Test figures, not the LPP's: a class A single-vision lens band the shipped table lacks, its base raised on 1 January 2024.
    private const string Lens2020 = "2999021;Verre simple classe A (bande de test);optique;lens-simple;A;full-cover;2020-01-01;2023-12-31;800;60;3500;;;"
        + "Liste de test;titre II, chapitre 2;2019-12-01;https://example.org/lpp-test;official";

    private const string Lens2024 = "2999021;Verre simple classe A (bande de test);optique;lens-simple;A;full-cover;2024-01-01;;1000;60;4000;;;"
        + "Liste de test, mise à jour;titre II, chapitre 2;2023-12-01;https://example.org/lpp-test-2024;official";

    // The shipped example frame, replaced by a listed one with the same figures.
    private const string Frame = "2999001;Monture classe A (100 % Santé);optique;frame;A;full-cover;2020-01-01;;900;60;3000;;;"
        + "Liste de test;titre II, chapitre 2;2019-12-01;https://example.org/lpp-test;official";

    private static string WriteFile(params string[] rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tiers-codes-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join('\n', [Header, .. rows]) + "\n", new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task Reference_check_shows_what_a_file_would_change_on_a_date()
    {
        var path = WriteFile(Lens2020, Lens2024, Frame);
        try
        {
            var (code, output, error) = await RunAsync("reference", "check", path, "--on", "2025-03-01");
            var (_, earlier, _) = await RunAsync("reference", "check", path, "--on", "2021-03-01");

            Assert.True(code == 0, error);
            Assert.Contains("2999021 optique lens-simple class A 2020-01-01–open: base 10.00 €, 60 %, limit 40.00 €", output, StringComparison.Ordinal);
            Assert.Contains("2999001 optique frame class A 2020-01-01–open: base 9.00 €, 60 %, limit 30.00 € (replaces the shipped example)", output, StringComparison.Ordinal);
            Assert.Contains("2 codes: 1 replace shipped codes, 1 added.", output, StringComparison.Ordinal);
            Assert.Contains("2999021 optique lens-simple class A 2020-01-01–open: base 8.00 €, 60 %, limit 35.00 €", earlier, StringComparison.Ordinal);
            Assert.Null(ReferenceCodeTable.Default.Find("2999021"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reference_check_names_every_fault_by_line_and_column_and_exits_1()
    {
        var path = WriteFile(
            Lens2020,                                                                                             // line 2: good
            Lens2024.Replace("bande de test", "autre libellé", StringComparison.Ordinal),                          // line 3: the same code, another label
            Frame.Replace(";60;3000;", ";160;3000;", StringComparison.Ordinal),                                    // line 4: a rate above 100
            Frame.Replace("2999001;", "2999002;", StringComparison.Ordinal).Replace("https://example.org/lpp-test", "http://example.org", StringComparison.Ordinal), // line 5: not https
            "HBLD491;Couronne (test);dentaire;crown;;capped;2020-01-01;;12000;60;;;;Liste de test;CCAM;2019-12-01;https://example.org/ccam-test;official", // line 6: a capped price without its limit
            Frame.Replace("2999001;", "2999004;", StringComparison.Ordinal).Replace(";full-cover;", ";free;", StringComparison.Ordinal), // line 7: class A at a free price
            Frame.Replace("2999001;", "2999005;", StringComparison.Ordinal).Replace(";optique;", ";dentaire;", StringComparison.Ordinal)); // line 8: a frame in dental

        try
        {
            var (code, output, error) = await RunAsync("reference", "check", path);

            Assert.Equal(1, code);
            Assert.Equal(
                ["line 3: label", "line 4: rate", "line 5: source_url", "line 6: price_limit_cents", "line 7: regime", "line 8: kind"],
                error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(e => string.Join(':', e.Split(':')[..2])));
            Assert.DoesNotContain("codes:", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Two_periods_of_one_code_that_overlap_are_refused()
    {
        var path = WriteFile(Lens2020, Lens2024.Replace(";2024-01-01;", ";2023-06-01;", StringComparison.Ordinal));
        try
        {
            var (code, _, error) = await RunAsync("reference", "check", path);

            Assert.Equal(1, code);
            Assert.StartsWith("line 3: valid_from: overlaps the period of line 2", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_node_with_a_code_file_lists_its_codes_and_decides_with_them(DatabaseProvider provider)
    {
        var path = WriteFile(Lens2020, Lens2024, Frame);
        try
        {
            await using var kit = await EligibilityKit.StartAsync(provider, ("Reference:CodesFile", path));
            var token = await kit.TokenAsync("opticien");

            using var listed = await kit.Client.GetAsync("/api/v1/reference/codes?domain=optique", Cancellation);
            using var codes = JsonDocument.Parse(await listed.Content.ReadAsStringAsync(Cancellation));
            var lens = codes.RootElement.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "2999021");
            var frame = codes.RootElement.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "2999001");

            Assert.Equal(("A", 1000, 4000L, false), (lens.GetProperty("class").GetString(), lens.GetProperty("statutoryBaseCents").GetInt32(),
                lens.GetProperty("priceLimitCents").GetInt64(), lens.GetProperty("example").GetBoolean()));
            Assert.Contains(lens.GetProperty("sources").EnumerateArray(), s => s.GetProperty("title").GetString() == "Liste de test, mise à jour");
            Assert.False(frame.GetProperty("example").GetBoolean());

            // A "100% Santé" pair with the file's lenses: 60 % of each base from the statutory insurance, the rest from the insurer.
            var decision = await GlassesAsync(kit, token, "2999021", 4000);
            Assert.Equal("accepted", decision.GetProperty("status").GetString());
            var amounts = decision.GetProperty("amounts");
            Assert.Equal((11_000L, 540L + 600 + 600, 0L), (amounts.GetProperty("totalCents").GetInt64(), amounts.GetProperty("amoCents").GetInt64(), amounts.GetProperty("patientCents").GetInt64()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_node_does_not_start_on_a_code_file_with_a_fault()
    {
        var path = WriteFile(Lens2020.Replace(";lens-simple;", ";lentille;", StringComparison.Ordinal));
        try
        {
            await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
            database.Settings["Reference:CodesFile"] = path;

            // As an operator starts a node; a regression would serve forever, so the wait is bounded.
            string[] args = ["serve", "--urls", "http://127.0.0.1:0", .. database.Settings.Select(s => $"--{s.Key}={s.Value}")];
            var serve = await database.RunAsync(args).WaitAsync(TimeSpan.FromMinutes(1), Cancellation);

            Assert.Equal(1, serve.ExitCode);
            Assert.Contains("line 2: kind: required: one of frame", serve.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("TiersPayant portal:", serve.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<JsonElement> GlassesAsync(EligibilityKit kit, string token, string lens, long lensPrice)
    {
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _) && c.GetProperty("insurer").GetString() != "130000034"
            && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        var body = EligibilityKit.Body(card);
        body.Remove("domains");
        var today = DateOnly.FromDateTime(DateTime.Today);
        body["careDate"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        body["domain"] = "optique";
        body["lines"] = new object[]
        {
            new { code = "2999001", quantity = 1, unitPriceCents = 3000, @class = "A" },
            new { code = lens, quantity = 1, unitPriceCents = lensPrice, @class = "A", side = "right" },
            new { code = lens, quantity = 1, unitPriceCents = lensPrice, @class = "A", side = "left" },
        };
        body["prescription"] = new
        {
            date = today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            prescriber = "10000123454",
            correction = new { right = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m }, left = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m } },
        };
        body["documents"] = new[] { "prescription", "quote" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agreements") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await kit.Client.SendAsync(request, Cancellation);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return json.RootElement.Clone();
    }
}
