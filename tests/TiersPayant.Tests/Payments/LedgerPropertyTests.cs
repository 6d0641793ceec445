using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Eligibility;

namespace TiersPayant.Tests.Payments;

/// <summary>
/// Any interleaving of invoices sent by a pharmacy's software (accepted, or rejected as
/// duplicates), cancellations (before or after payment) and payment runs, through the real API and
/// the real command: after each, <c>tiers ledger check</c> passes, and in the end every euro in the
/// payment files is a payment of the database.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly string[] Drugs = ["3400935955838", "3400933054960", "3400933904678"];

    private enum Step
    {
        Invoice,
        Cancel,
        Run,
    }

    [Fact]
    public async Task Any_interleaving_of_invoices_cancellations_and_runs_keeps_the_books_balanced()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Guard:Detection:Enabled", "false"));
        var token = await kit.TokenAsync("pharmacien");
        var cards = kit.Cards().Where(c => !c.TryGetProperty("note", out _) && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "pharmacie")).Take(4).ToList();
        var sent = new List<string>();
        var key = 0;

        var step = Gen.Frequency((6, Gen.Const(Step.Invoice)), (2, Gen.Const(Step.Cancel)), (2, Gen.Const(Step.Run)));
        var steps = Gen.Select(step, Gen.Int[0, 99], Gen.Int[1, 3]).Array[3, 10];
        await steps.SampleAsync(async sequence =>
        {
            foreach (var (what, pick, quantity) in sequence)
            {
                switch (what)
                {
                    case Step.Invoice:
                        var body = EligibilityKit.Body(cards[pick % cards.Count]);
                        body.Remove("domains");
                        body["domain"] = "pharmacie";
                        body["careDate"] = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        body["lines"] = new[] { new { code = Drugs[pick % Drugs.Length], quantity, unitPriceCents = 100 + pick } };
                        body["prescription"] = new { date = body["careDate"], prescriber = "10000123454" };
                        using (var response = await SendAsync(kit, token, "/api/v1/claims", JsonSerializer.Serialize(body), "k" + Interlocked.Increment(ref key)))
                        {
                            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
                            sent.Add(json.RootElement.GetProperty("claimId").GetString()!);
                        }

                        break;
                    case Step.Cancel when sent.Count > 0:
                        using (await SendAsync(kit, token, $"/api/v1/claims/{sent[pick % sent.Count]}/cancel", "", null))
                        {
                            // 200, or 409 for a claim rejected or already cancelled: both are part of the interleaving.
                        }

                        break;
                    case Step.Run:
                        var run = await kit.Database.RunAsync("payments", "run");
                        Assert.True(run.ExitCode == 0, run.Output + run.Error);
                        break;
                    default:
                        break;
                }
            }

            var check = await kit.Database.RunAsync("ledger", "check");
            Assert.True(check.ExitCode == 0, check.Output);
        }, iter: 8, threads: 1);

        Assert.Equal(0, (await kit.Database.RunAsync("payments", "run")).ExitCode);
        await using var payments = await PaymentsKit.OnAsync(kit.Database);
        await using var db = kit.Database.OpenContext();
        Assert.Equal(await db.Payments.Where(p => p.AmountCents > 0).SumAsync(p => p.AmountCents, Cancellation), payments.Transfers().Sum(t => t.Cents));
        Assert.True(await db.Claims.CountAsync(c => c.PaidAt != null, Cancellation) > 0, "no invoice was ever paid: the property tested nothing");
        Assert.Equal(0, (await kit.Database.RunAsync("ledger", "check")).ExitCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(EligibilityKit kit, string token, string path, string json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await kit.Client.SendAsync(request, Cancellation);
    }
}
