using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;

namespace TiersPayant.Security.Guard;

/// <summary>
/// A node's copy of state every node shares through the database (thrown switches, contained
/// credentials), read again at most once per <see cref="SwitchBoard.Freshness"/> by one caller
/// while the others wait, and read again at once after this node changed it.
/// </summary>
internal sealed class SharedSnapshot<T>(IServiceScopeFactory scopes, TimeProvider time, T initial, Func<TiersPayantDbContext, CancellationToken, Task<T>> read)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private T _value = initial;
    private long _readAtTicks = DateTimeOffset.MinValue.UtcTicks; // read and written atomically (Volatile)

    /// <summary>The state as of at most <see cref="SwitchBoard.Freshness"/> ago.</summary>
    public async ValueTask<T> CurrentAsync(CancellationToken cancellation)
    {
        if (!Stale())
        {
            return _value;
        }

        await _refresh.WaitAsync(cancellation);
        try
        {
            if (Stale())
            {
                await using var scope = scopes.CreateAsyncScope();
                _value = await read(scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>(), cancellation);
                Volatile.Write(ref _readAtTicks, time.GetUtcNow().UtcTicks);
            }

            return _value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>This node changed the state: the next caller reads it again.</summary>
    public void Invalidate() => Volatile.Write(ref _readAtTicks, DateTimeOffset.MinValue.UtcTicks);

    private bool Stale() => time.GetUtcNow().UtcTicks - Volatile.Read(ref _readAtTicks) >= SwitchBoard.Freshness.Ticks;
}
