using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Accounts;
using TiersPayant.Data;
using TiersPayant.Domain.Claims;
using TiersPayant.Domain.Payments;
using TiersPayant.Guard;

namespace TiersPayant.Payments.Pages.Tresorerie;

/// <summary>
/// The treasury console (administrators with a passkey): the payment runs, each with its file,
/// transfers and the practices left out with the reason; a run started now; and the invoices
/// accepted more than <see cref="PaymentDelay"/> working days ago and still unpaid, with their age.
/// </summary>
[Authorize(Policy = PortalPolicies.Treasury)]
[NoPersonalData]
public sealed class IndexModel(TiersPayantDbContext db, PaymentLauncher launcher, TimeProvider time) : PageModel
{
    /// <summary>The statutory delay: a valid invoice is paid within 7 working days.</summary>
    public const int PaymentDelay = 7;

    public const int Shown = 50;

    public List<RunView> Runs { get; private set; } = [];

    public List<LateView> Late { get; private set; } = [];

    public int LateCount { get; private set; }

    public string? Message { get; private set; }

    public bool Running => launcher.Running;

    public RunOutcome? Last => launcher.Last;

    public sealed record RunView(string Number, string Status, DateTimeOffset StartedAt, string StartedBy, DateOnly ExecutionDate, string? File, int Transfers, long TotalCents, IReadOnlyList<(string Practice, string Reason)> Skipped);

    public sealed record LateView(string Number, string Practice, DateOnly AcceptedOn, int Age, long AmcCents);

    public async Task OnGetAsync(CancellationToken cancellation) => await LoadAsync(cancellation);

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellation)
    {
        Message = launcher.Start(User.FindFirstValue(ClaimTypes.Name) ?? "console") ? "Started" : "AlreadyRunning";
        await LoadAsync(cancellation);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellation)
    {
        var runs = await db.PaymentRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(20).ToListAsync(cancellation);
        var skipped = runs.SelectMany(r => PaymentPreparation.ReadSkipped(r.Skipped)).Select(s => s.PracticeId).Distinct().ToList();
        var names = await db.Practices.AsNoTracking().Where(p => skipped.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellation);
        Runs = [.. runs.Select(r => new RunView(r.Number, r.Status, Utc(r.StartedAt), r.StartedBy, r.ExecutionDate, r.FileName, r.TransferCount, r.TotalCents,
            [.. PaymentPreparation.ReadSkipped(r.Skipped).Select(s => (names.GetValueOrDefault(s.PracticeId, s.PracticeId.ToString("D")), s.Reason))]))];

        // Late: accepted before the day that is 7 working days ago, not paid. Ages in working days.
        var today = Web.Localization.ParisTime.Today(time);
        var limit = today;
        for (var back = 0; back < PaymentDelay; back++)
        {
            do
            {
                limit = limit.AddDays(-1);
            }
            while (!WorkingDays.IsWorkingDay(limit));
        }

        var before = Web.Localization.ParisTime.FromLocal(limit.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var late = db.Claims.AsNoTracking().Where(c => c.Status == ClaimStatus.Accepted && c.PaidAt == null && c.CreatedAt < before);
        LateCount = await late.CountAsync(cancellation);
        var rows = await late.OrderBy(c => c.CreatedAt).Take(Shown)
            .Join(db.Practices, c => c.PracticeId, p => p.Id, (c, p) => new { c.Number, p.Name, c.CreatedAt, c.AmcCents })
            .ToListAsync(cancellation);
        Late = [.. rows.Select(r =>
        {
            var accepted = DateOnly.FromDateTime(Web.Localization.ParisTime.Of(Utc(r.CreatedAt)).DateTime);
            return new LateView(r.Number, r.Name, accepted, WorkingDays.Between(accepted, today), r.AmcCents);
        })];
    }

    public static string Euros(long cents) => new Domain.Money(cents).ToString();

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
