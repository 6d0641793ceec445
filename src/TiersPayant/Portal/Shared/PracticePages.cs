using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Domain.Practices;
using TiersPayant.Accounts;

namespace TiersPayant.Portal.Shared;

/// <summary>What the professional's pages share: the insurers to choose from, the practice's profession, a list's page.</summary>
internal static class PracticePages
{
    public const int PageSize = 20;

    /// <summary>The insurers of the platform, by name, for the card's insurer field.</summary>
    public static async Task<List<(string Amc, string Name)>> InsurersAsync(TiersPayantDbContext db, CancellationToken cancellation) =>
        [.. (await db.Insurers.AsNoTracking().OrderBy(i => i.Name).Select(i => new { i.Amc, i.Name }).ToListAsync(cancellation)).Select(i => (i.Amc, i.Name))];

    /// <summary>The practice the signed-in professional works for.</summary>
    public static Guid PracticeOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(PortalSessionAuthentication.PracticeClaim)!);

    /// <summary>The profession of the signed-in professional's practice.</summary>
    public static async Task<Profession?> ProfessionAsync(TiersPayantDbContext db, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var practice = PracticeOf(user);
        var code = await db.Practices.AsNoTracking().Where(p => p.Id == practice).Select(p => p.Profession).SingleAsync(cancellation);
        return Professions.TryParse(code, out var profession) ? profession : null;
    }

    /// <summary>A date typed in a list's filter (YYYY-MM-DD), or null.</summary>
    public static DateOnly? FilterDate(string? text) =>
        DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var date) ? date : null;

    /// <summary>Page <paramref name="page"/> (from 1) of an ordered list, and whether another follows.</summary>
    public static async Task<(List<T> Items, bool HasNext)> PageAsync<T>(IQueryable<T> ordered, int page, CancellationToken cancellation)
    {
        var rows = await ordered.Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellation);
        return (rows.Count > PageSize ? rows[..PageSize] : rows, rows.Count > PageSize);
    }
}
