using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Claims;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Payments;
using TiersPayant.Domain.Claims;
using TiersPayant.Domain.Payments;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Payments;

/// <summary>
/// A seeded platform with invoices written as an adjudication writes them (the claim row and its
/// acceptance entry in one unit of work), and the payment run and ledger check as an operator runs
/// them. Invoices are written directly: these tests are about paying them, not adjudicating them.
/// </summary>
internal sealed class PaymentsKit : IAsyncDisposable
{
    private readonly bool _owned;
    private int _next;

    private PaymentsKit(TestDatabase database, List<(Guid Id, string Insurer)> people, List<Guid> practices, bool owned) =>
        (Database, People, Practices, _owned) = (database, people, practices, owned);

    public TestDatabase Database { get; }

    public List<(Guid Id, string Insurer)> People { get; }

    /// <summary>The demo's practices, in a fixed order.</summary>
    public List<Guid> Practices { get; }

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public string Folder => Path.Combine(Database.DataDirectory, "payments");

    /// <summary>The files a bank's pick-up would see.</summary>
    public string[] Files => Directory.Exists(Folder) ? [.. Directory.GetFiles(Folder, "*.xml").Order(StringComparer.Ordinal)] : [];

    public static async Task<PaymentsKit> StartAsync(DatabaseProvider provider, int practices = 4)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seeded = await database.RunAsync("seed", "--beneficiaries", "60", "--practices", practices.ToString(CultureInfo.InvariantCulture));
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        return await OnAsync(database, owned: true);
    }

    /// <summary>The kit on a database seeded elsewhere (a running platform's); <paramref name="owned"/>: disposed with the kit.</summary>
    public static async Task<PaymentsKit> OnAsync(TestDatabase database, bool owned = false)
    {
        await using var db = database.OpenContext();
        var people = (await db.Beneficiaries.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.InsurerAmc }).ToListAsync(Cancellation))
            .Select(b => (b.Id, b.InsurerAmc)).ToList();
        var ids = await db.Practices.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(Cancellation);
        return new PaymentsKit(database, people, ids, owned);
    }

    /// <summary>An invoice of <paramref name="practice"/>, its insurer share <paramref name="insurerCents"/>.</summary>
    public async Task<ClaimRecord> InvoiceAsync(Guid practice, long insurerCents, ClaimStatus status = ClaimStatus.Accepted, string? ofInsurer = null)
    {
        var n = Interlocked.Increment(ref _next);
        var (person, insurer) = ofInsurer is null ? People[n % People.Count] : People.First(p => p.Insurer == ofInsurer);
        var claim = new ClaimRecord
        {
            Id = Guid.CreateVersion7(), Number = string.Create(CultureInfo.InvariantCulture, $"FAC-T{n:D6}"), PracticeId = practice,
            IdempotencyKey = "k" + n, RequestHash = [1], BeneficiaryId = person, InsurerAmc = insurer, Domain = "pharmacie",
            CareDate = DateOnly.FromDateTime(DateTime.UtcNow), Status = status, TotalCents = insurerCents * 2, AmoCents = insurerCents,
            AmcCents = status == ClaimStatus.Accepted ? insurerCents : 0, PatientCents = 0,
            Reasons = status == ClaimStatus.Rejected ? "duplicate" : string.Empty, LinesJson = "[]", Channel = "api", CreatedAt = DateTime.UtcNow.AddSeconds(-1),
        };
        await using var db = Database.OpenContext();
        db.Claims.Add(claim);
        if (status == ClaimStatus.Accepted && Postings.ClaimAccepted(insurer, practice, insurerCents) is { } entry)
        {
            LedgerWriter.Post(db, entry, claim.Number, claim.CreatedAt, claim: claim.Id);
        }

        await db.SaveChangesAsync(Cancellation);
        return claim;
    }

    /// <summary>Accepted invoices spread over the practices, their shares 1.00 € to 150.00 €.</summary>
    public async Task<List<ClaimRecord>> InvoicesAsync(int count, int practices = int.MaxValue)
    {
        var claims = new List<ClaimRecord>();
        for (var i = 0; i < count; i++)
        {
            claims.Add(await InvoiceAsync(Practices[i % Math.Min(practices, Practices.Count)], 100 + ((i * 7919) % 15_000)));
        }

        return claims;
    }

    /// <summary>Cancels an accepted invoice as the claims module does: the status, and the acceptance reversed.</summary>
    public async Task CancelAsync(ClaimRecord claim)
    {
        await using var db = Database.OpenContext();
        var row = await db.Claims.SingleAsync(c => c.Id == claim.Id, Cancellation);
        row.Status = ClaimStatus.Cancelled;
        row.CancelledAt = DateTime.UtcNow.AddSeconds(-1);
        LedgerWriter.Post(db, Postings.ClaimCancelled(row.InsurerAmc!, row.PracticeId, row.AmcCents)!, row.Number, row.CancelledAt.Value, claim: row.Id);
        await db.SaveChangesAsync(Cancellation);
    }

    public Task<CliResult> RunAsync() => Database.RunAsync("payments", "run");

    public Task<CliResult> CheckAsync() => Database.RunAsync("ledger", "check");

    /// <summary>Each file valid against pain.001.001.09; its transfers as (end-to-end id, cents).</summary>
    public List<(string Reference, long Cents)> Transfers()
    {
        var transfers = new List<(string, long)>();
        foreach (var file in Files)
        {
            var bytes = File.ReadAllBytes(file);
            SepaSchemas.AssertValid(bytes, SepaSchemas.CreditTransfer);
            var xml = XDocument.Load(new MemoryStream(bytes));
            XNamespace ns = xml.Root!.Name.Namespace;
            var header = xml.Root.Element(ns + "CstmrCdtTrfInitn")!.Element(ns + "GrpHdr")!;
            var found = xml.Descendants(ns + "CdtTrfTxInf").Select(t => (
                t.Element(ns + "PmtId")!.Element(ns + "EndToEndId")!.Value,
                (long)(decimal.Parse(t.Element(ns + "Amt")!.Element(ns + "InstdAmt")!.Value, CultureInfo.InvariantCulture) * 100))).ToList();
            Assert.Equal(found.Count, int.Parse(header.Element(ns + "NbOfTxs")!.Value, CultureInfo.InvariantCulture));
            Assert.Equal(found.Sum(t => t.Item2), (long)(decimal.Parse(header.Element(ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture) * 100));
            transfers.AddRange(found);
        }

        return transfers;
    }

    /// <summary>The paid lines per invoice: each accepted invoice must have exactly one once paid.</summary>
    public async Task<Dictionary<Guid, int>> PaidLinesAsync()
    {
        await using var db = Database.OpenContext();
        return await db.PaymentLines.Where(l => l.Kind == "paid").GroupBy(l => l.ClaimId).ToDictionaryAsync(g => g.Key, g => g.Count(), Cancellation);
    }

    public ValueTask DisposeAsync() => _owned ? Database.DisposeAsync() : ValueTask.CompletedTask;
}
