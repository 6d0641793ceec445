using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Agreements;
using TiersPayant.Claims;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain.Practices;
using TiersPayant.Eligibility;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.Claims.ImportClaimsTests;

namespace TiersPayant.Tests.Claims;

/// <summary>
/// An optician's end-of-day file invoices prior agreements (<c>agreement_number</c>): each agreement
/// once, whatever the chunk holds, with the answers of one by one.
/// </summary>
public sealed partial class ClaimChunkTests
{
    // Jean-Noël's glasses: a class A frame (price limit 30 €) and two class B lenses.
    private static readonly AgreementLineBody[] Glasses =
    [
        new("2999001", 1, 3000, "A", null),
        new("2999011", 1, 6000, "B", "right"),
        new("2999011", 1, 6000, "B", "left"),
    ];

    private static ClaimBody AgreementInvoice(string agreement, AgreementLineBody[]? lines = null) =>
        new(agreement, null, null, null, Today, lines ?? Glasses, null);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_chunk_invoices_each_agreement_once_and_answers_as_one_by_one(DatabaseProvider provider)
    {
        AgreementLineBody[] dearer = [Glasses[0], Glasses[1], new("2999011", 1, 9000, "B", "left")];

        var (chunked, oneByOne) = await BothWaysAsync(provider, [], async (factory, _) =>
        {
            var (optician, agreement) = await GlassesAgreementAsync(factory);
            return (optician, [
                ("OPT-1", AgreementInvoice(agreement, dearer)),                  // above what was agreed
                ("OPT-2", AgreementInvoice(agreement)),                          // the agreement invoiced
                ("OPT-3", AgreementInvoice(agreement)),                          // the same agreement again, in the same chunk
                ("OPT-4", AgreementInvoice("PEC-00000000000000")),               // no agreement of this practice
                ("OPT-2", AgreementInvoice(agreement)),                          // OPT-2 sent again: its claim's answer
            ]);
        });

        Assert.Equal(oneByOne.Answers, chunked.Answers);
        Assert.Equal(["rejected", "accepted", "rejected", "invalid agreementNumber", "accepted replayed"], chunked.Answers.Select(Kind));
        Assert.Contains(" amount-above-agreement ", chunked.Answers[0], StringComparison.Ordinal);
        Assert.Contains(" agreement-already-invoiced ", chunked.Answers[2], StringComparison.Ordinal);
        Assert.Equal(oneByOne.Stored, chunked.Stored);
        Assert.Single(chunked.Stored, s => s.StartsWith("claim OPT-2 Accepted 15000/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_optician_s_invoice_file_names_the_agreement_instead_of_the_card(DatabaseProvider provider)
    {
        var (database, _) = await SeededAsync(provider);
        await using var _ = database;
        string agreement, practice;
        await using (var factory = new PlatformFactory(database, demoBeneficiaries: 0))
        {
            var (optician, number) = await GlassesAgreementAsync(factory);
            (agreement, practice) = (number, optician.PracticeId.ToString());
        }

        const string header = "invoice_ref;agreement_number;care_date;code;quantity;unit_price_cents;class;side";
        string Row(string reference, string number, string code, int price, string @class, string side) =>
            string.Join(';', reference, number, Today, code, "1", price.ToString(CultureInfo.InvariantCulture), @class, side);
        var file = Members.MemberFiles.Write(database.DataDirectory, [
            header,
            Row("OPT-1", agreement, "2999001", 3000, "A", ""),      // line 2: invoice OPT-1, three lines
            Row("OPT-1", agreement, "2999011", 6000, "B", "right"),
            Row("OPT-1", agreement, "2999011", 6000, "B", "left"),
            Row("OPT-2", agreement, "2999001", 3000, "A", ""),      // line 5: the same agreement again
            Row("OPT-2", agreement, "2999011", 6000, "B", "right"),
            Row("OPT-2", agreement, "2999011", 6000, "B", "left"),
            Row("OPT-3", "", "2999001", 3000, "A", ""),             // line 8: no agreement, and no card in this file
        ], name: "optician.csv");
        var results = Path.Combine(database.DataDirectory, "results.csv");

        var run = await database.RunAsync("import", "claims", file, "--practice", practice, "--results", results, "--quiet");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("3 invoices on 7 lines: 1 accepted, 1 rejected, 1 not adjudicated; 0 already imported", run.Output, StringComparison.Ordinal);
        // The invoice without an agreement names each field a direct invoice needs, on its line, under the file's column names.
        Assert.Equal(["line 8: insurer", "line 8: membership_number", "line 8: last_name", "line 8: first_name", "line 8: birth_date", "line 8: domain"],
            run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(e => string.Join(':', e.Split(':')[..2])));
        await using var db = database.OpenContext();
        var claims = await db.Claims.AsNoTracking().OrderBy(c => c.IdempotencyKey).ToListAsync(Cancellation);
        Assert.Equal([("OPT-1", "accepted", agreement), ("OPT-2", "rejected", agreement)],
            claims.Select(c => (c.IdempotencyKey, c.Status.ToString().ToLowerInvariant(), c.AgreementNumber)));
        Assert.Equal("agreement-already-invoiced", claims[1].Reasons);
        Assert.Equal(3, await db.Equipment.CountAsync(e => e.ClaimId == claims[0].Id, Cancellation));
        var rows = await File.ReadAllLinesAsync(results, Cancellation);
        Assert.Equal([$"2;OPT-1;{claims[0].Number};accepted;false;15000;{claims[0].AmoCents};{claims[0].AmcCents};{claims[0].PatientCents};",
                      $"5;OPT-2;{claims[1].Number};rejected;false;15000;0;0;15000;agreement-already-invoiced"], rows[1..3]);
        Assert.StartsWith("8;OPT-3;;invalid;false;;;;;insurer,", rows[3], StringComparison.Ordinal);
        Assert.Equal(4, rows.Length);
    }

    /// <summary>The demo optician's software asks an agreement for Jean-Noël's glasses; the file's door acts for the same practice.</summary>
    private static async Task<(Actor Door, string Agreement)> GlassesAgreementAsync(PlatformFactory factory)
    {
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(factory.Database.DataDirectory, "demo-credentials.json"), Cancellation));
        var client = credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == "opticien");
        var practice = Guid.Parse(client.GetProperty("practiceId").GetString()!);
        var software = new Actor(ActorKinds.Client, null, client.GetProperty("clientId").GetString(), practice, Profession.Opticien, null, "127.0.0.1", Channels.Api);
        var written = DateOnly.FromDateTime(DateTime.Today).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = new AgreementBody(
            new EligibilityCard(Insurer, "C100"), new EligibilityPerson("Lefèvre", "Jean-Noël", "1980-04-12", null), Today, "optique", Glasses,
            new PrescriptionBody(written, "10000123454", new CorrectionBody(new EyeBody(-1m, 0m, 0, 0m), new EyeBody(-1m, 0m, 0, 0m))),
            ["prescription", "quote"]);
        await using var scope = factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AgreementRequests>().RequestAsync(software, body, Cancellation);
        Assert.Equal("accepted", outcome.Answer?.Status);
        return (Actor.ClaimsImport(practice, Profession.Opticien), outcome.Answer!.AgreementNumber);
    }
}
