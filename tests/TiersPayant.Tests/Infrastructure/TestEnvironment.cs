namespace TiersPayant.Tests.Infrastructure;

/// <summary>What the machine offers to the tests, and what to do when something is missing.</summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "TIERSPAYANT_TEST_POSTGRES";
    public const string RedisVariable = "TIERSPAYANT_TEST_REDIS";

    /// <summary>True under CI, where a missing PostgreSQL fails the run instead of skipping.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The administrative connection string of the test PostgreSQL, or a skip (a failure under CI).</summary>
    public static string RequirePostgres()
    {
        var connection = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return connection;
        }

        const string how = "PostgreSQL tests need " + PostgresVariable + " (e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres); " +
            "`bash .ci/run` installs and starts a throw-away server, or see README 'Tests'.";
        if (IsCi)
        {
            Assert.Fail("CI=true but PostgreSQL is missing. " + how);
        }

        Assert.Skip(how);
        return string.Empty;
    }

    /// <summary>The StackExchange.Redis connection string of the test Redis, or a skip (a failure under CI).</summary>
    public static string RequireRedis()
    {
        var connection = Environment.GetEnvironmentVariable(RedisVariable);
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return connection;
        }

        const string how = "Several-node tests need " + RedisVariable + " (e.g. 127.0.0.1:6379, a Redis each test shares under a key prefix of its own); " +
            "`bash .ci/run` installs and starts a throw-away redis-server, or see README 'Several nodes'.";
        if (IsCi)
        {
            Assert.Fail("CI=true but Redis is missing. " + how);
        }

        Assert.Skip(how);
        return string.Empty;
    }
}
