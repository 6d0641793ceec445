namespace TiersPayant.Security.Accounts;

/// <summary>
/// Password hashing is deliberately slow (PBKDF2, Identity's default cost). Under a flood of
/// logins, unbounded hashing would take every core and starve the services that must keep
/// answering (the rights check). This gate lets at most one hash per core run at once, queues a
/// bounded number of others without blocking threads, and turns the rest away at once.
/// </summary>
public sealed class PasswordHashingGate
{
    private readonly SemaphoreSlim _running;
    private readonly int _maxWaiting;
    private int _waiting;

    /// <summary>A gate for <paramref name="concurrency"/> hashes at once and <paramref name="maxWaiting"/> in line.</summary>
    public PasswordHashingGate(int concurrency, int maxWaiting)
    {
        _running = new SemaphoreSlim(concurrency, concurrency);
        _maxWaiting = maxWaiting;
    }

    /// <summary>Runs <paramref name="hash"/> when a slot is free, or returns false at once when the line is full.</summary>
    public async Task<(bool Ran, T Result)> TryRunAsync<T>(Func<Task<T>> hash, CancellationToken cancellation)
    {
        if (Interlocked.Increment(ref _waiting) > _maxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return (false, default!);
        }

        try
        {
            await _running.WaitAsync(cancellation);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            return (true, await hash());
        }
        finally
        {
            _running.Release();
        }
    }
}
