using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Guard;
using TiersPayant.Data.Protection;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The platform-wide view of failed password steps, shared by every node: many logins failing
/// from one network, one login failing from many networks, failures across many logins at once.
/// Each opens an alert for the security team (<c>guard_events</c>, decision <c>alert</c>, at most
/// once an hour per network, login or platform); the per-address and per-account waits already
/// slow the attempts themselves, and a right password still stops at the second factor.
/// </summary>
public sealed class CredentialStuffingWatch
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly TiersPayantDbContext _db;
    private readonly BlindIndex _index;
    private readonly IOptions<GuardOptions> _options;
    private readonly IOptions<SessionBindingOptions> _binding;
    private readonly TimeProvider _time;
    private readonly ILogger<CredentialStuffingWatch> _logger;

    internal CredentialStuffingWatch(
        TiersPayantDbContext db, BlindIndex index, IOptions<GuardOptions> options, IOptions<SessionBindingOptions> binding, TimeProvider time, ILogger<CredentialStuffingWatch> logger) =>
        (_db, _index, _options, _binding, _time, _logger) = (db, index, options, binding, time, logger);

    /// <summary>Records a failed password step for <paramref name="login"/> from <paramref name="address"/>, and raises what it reveals.</summary>
    public async Task FailedAsync(string login, string address, CancellationToken cancellation)
    {
        var stuffing = _options.Value.Stuffing;
        var now = _time.GetUtcNow().UtcDateTime;
        var tag = Convert.ToHexStringLower(_index.Compute("login-failure", login.Trim().ToUpperInvariant()).AsSpan(0, 8));
        var network = IPAddress.TryParse(address, out var ip) ? SessionPlace.NetworkOf(ip, _binding.Value) : "inconnu";
        _db.LoginFailures.Add(new LoginFailureRecord { Id = Guid.CreateVersion7(), OccurredAt = now, LoginTag = tag, Network = network });
        await _db.SaveChangesAsync(cancellation);

        var since = now.AddMinutes(-stuffing.WindowMinutes);
        var recent = _db.LoginFailures.AsNoTracking().Where(f => f.OccurredAt > since);
        var fromNetwork = await recent.Where(f => f.Network == network).Select(f => f.LoginTag).Distinct().CountAsync(cancellation);
        if (fromNetwork >= stuffing.LoginsPerNetwork)
        {
            await AlertAsync("many-logins-one-network", network, Text($"{fromNetwork} different logins failed from {network} in {stuffing.WindowMinutes} minutes"), now, cancellation);
        }

        var networks = await recent.Where(f => f.LoginTag == tag).Select(f => f.Network).Distinct().CountAsync(cancellation);
        if (networks >= stuffing.NetworksPerLogin)
        {
            await AlertAsync("one-login-many-networks", "login:" + tag, Text($"one login failed from {networks} networks in {stuffing.WindowMinutes} minutes (login tag {tag})"), now, cancellation);
        }

        var logins = await recent.Select(f => f.LoginTag).Distinct().CountAsync(cancellation);
        if (logins >= stuffing.LoginsPlatformWide)
        {
            var addresses = await recent.Select(f => f.Network).Distinct().CountAsync(cancellation);
            await AlertAsync("failures-across-logins", "platform", Text($"{logins} different logins failed from {addresses} networks in {stuffing.WindowMinutes} minutes"), now, cancellation);
        }
    }

    /// <summary>Forgets failures older than <paramref name="before"/>; returns the rows deleted.</summary>
    public Task<int> PruneAsync(DateTime before, CancellationToken cancellation) =>
        _db.LoginFailures.Where(f => f.OccurredAt < before).ExecuteDeleteAsync(cancellation);

    // One alert an hour per key: the console shows a wave, not every request of it.
    private async Task AlertAsync(string reason, string key, string detail, DateTime now, CancellationToken cancellation)
    {
        var hourAgo = now - Hour;
        if (await _db.GuardEvents.AsNoTracking().AnyAsync(e => e.Decision == "alert" && e.Reason == reason && e.SourceAddress == key && e.OccurredAt > hourAgo, cancellation))
        {
            return;
        }

        _db.GuardEvents.Add(new GuardEventRecord
        {
            Id = Guid.CreateVersion7(), OccurredAt = now, Decision = "alert", Reason = reason, ActorKind = "anonymous", Channel = Channels.Portal,
            SourceAddress = key.Length > 45 ? key[..45] : key, Detail = detail,
        });
        await _db.SaveChangesAsync(cancellation);
        _logger.LogWarning("Credential stuffing alert {Reason} on {Key}", reason, key);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>Guard:Stuffing</c>: when failed password steps look like credential stuffing.</summary>
public sealed class StuffingOptions
{
    /// <summary>The window the counts are taken over.</summary>
    public int WindowMinutes { get; set; } = 10;

    /// <summary>Different logins failing from one network.</summary>
    public int LoginsPerNetwork { get; set; } = 5;

    /// <summary>Networks one login fails from.</summary>
    public int NetworksPerLogin { get; set; } = 4;

    /// <summary>Different logins failing across the platform.</summary>
    public int LoginsPlatformWide { get; set; } = 30;
}
