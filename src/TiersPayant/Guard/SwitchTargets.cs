using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Domain;
using TiersPayant.Domain.Practices;
using TiersPayant.Security.Guard;

namespace TiersPayant.Guard;

/// <summary>
/// What a switch closes, from an operator's options or an analyst's form: a level (everyone, a
/// profession, a practice, an account by its login, an API client, an insurer by its AMC number)
/// and its target, checked against what exists. One reading for the command line and the console.
/// </summary>
internal static class SwitchTargets
{
    /// <summary>The levels, in the order the console offers them.</summary>
    public static IReadOnlyList<string> Levels { get; } =
        [SwitchLevels.Everyone, SwitchLevels.Profession, SwitchLevels.Practice, SwitchLevels.Account, SwitchLevels.Client, SwitchLevels.Insurer];

    /// <summary>The target, or the name of what is wrong (<c>surface</c>, <c>level</c> or the level itself).</summary>
    public static async Task<(SwitchTarget? Target, string? Wrong)> ResolveAsync(
        IServiceProvider services, string? surface, string? level, string? target, CancellationToken cancellation)
    {
        if (surface is null || !SwitchSurfaces.All.Contains(surface))
        {
            return (null, "surface");
        }

        var db = services.GetRequiredService<TiersPayantDbContext>();
        var value = target?.Trim() ?? string.Empty;
        switch (level)
        {
            case SwitchLevels.Everyone:
                return (new SwitchTarget(surface, level, string.Empty), null);
            case SwitchLevels.Profession:
                return Professions.TryParse(value, out var profession) ? (new SwitchTarget(surface, level, profession.Code()), null) : (null, level);
            case SwitchLevels.Practice:
                return Guid.TryParse(value, out var practice) && await db.Practices.AnyAsync(p => p.Id == practice, cancellation)
                    ? (new SwitchTarget(surface, level, practice.ToString("N")), null) : (null, level);
            case SwitchLevels.Account:
                return value.Length is > 0 and <= 256 && await services.GetRequiredService<UserManager<AccountRecord>>().FindByNameAsync(value) is { } account
                    ? (new SwitchTarget(surface, level, account.Id.ToString("N")), null) : (null, level);
            case SwitchLevels.Client:
                return value.Length is > 0 and <= 100 ? (new SwitchTarget(surface, level, value), null) : (null, level);
            case SwitchLevels.Insurer:
                return AmcNumber.TryParse(value, out var amc) && await db.Insurers.AnyAsync(i => i.Amc == amc.Value, cancellation)
                    ? (new SwitchTarget(surface, level, amc.Value), null) : (null, level);
            default:
                return (null, "level");
        }
    }
}
