using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Payments;

namespace TiersPayant.Payments;

/// <summary>
/// Leases on jobs that must run once at a time across every node, in the database they share: a
/// conditional update takes a lease that is free, expired, or held by a process of this machine
/// that is no longer running (killed); the holder renews it while it works.
/// </summary>
internal static class Leases
{
    private static readonly string ThisProcess = Describe(Environment.ProcessId, Process.GetCurrentProcess().StartTime.ToUniversalTime().Ticks);

    /// <summary>A holder name unique to this acquisition: machine, process, its start, and a nonce.</summary>
    public static string NewHolder() => ThisProcess + "/" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Takes lease <paramref name="name"/> for <paramref name="ttl"/>; returns null when taken, else who holds it.</summary>
    public static async Task<string?> TryAcquireAsync(TiersPayantDbContext db, string name, string holder, DateTime now, TimeSpan ttl, CancellationToken cancellation)
    {
        var expires = now + ttl;
        if (await db.Leases.Where(l => l.Name == name && l.ExpiresAt < now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.AcquiredAt, now).SetProperty(l => l.ExpiresAt, expires), cancellation) == 1)
        {
            return null;
        }

        var current = await db.Leases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, cancellation);
        if (current is null)
        {
            db.Leases.Add(new LeaseRecord { Name = name, Holder = holder, AcquiredAt = now, ExpiresAt = expires });
            try
            {
                await db.SaveChangesAsync(cancellation);
                return null;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return (await db.Leases.AsNoTracking().SingleAsync(l => l.Name == name, cancellation)).Holder;
            }
        }

        if (!IsDeadHere(current.Holder))
        {
            return current.Holder;
        }

        var dead = current.Holder;
        return await db.Leases.Where(l => l.Name == name && l.Holder == dead)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.AcquiredAt, now).SetProperty(l => l.ExpiresAt, expires), cancellation) == 1
            ? null
            : (await db.Leases.AsNoTracking().SingleAsync(l => l.Name == name, cancellation)).Holder;
    }

    /// <summary>Extends the lease; false when it was lost (it expired and another took it).</summary>
    public static async Task<bool> RenewAsync(TiersPayantDbContext db, string name, string holder, DateTime now, TimeSpan ttl, CancellationToken cancellation) =>
        await db.Leases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now + ttl), cancellation) == 1;

    /// <summary>Frees the lease at once.</summary>
    public static async Task ReleaseAsync(TiersPayantDbContext db, string name, string holder, DateTime now, CancellationToken cancellation) =>
        await db.Leases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now.AddTicks(-1)), cancellation);

    /// <summary>True when <paramref name="holder"/> names a process of this machine that has ended.</summary>
    private static bool IsDeadHere(string holder)
    {
        var parts = holder.Split('/');
        if (parts.Length != 4 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var started))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited || process.StartTime.ToUniversalTime().Ticks != started;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true; // it ended while being looked at
        }
    }

    private static string Describe(int pid, long started) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{pid}/{started}");
}
