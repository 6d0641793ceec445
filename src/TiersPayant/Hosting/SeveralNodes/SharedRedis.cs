using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace TiersPayant.Hosting.SeveralNodes;

/// <summary>
/// The Redis every node of a deployment shares (<c>Redis:Configuration</c>, a StackExchange.Redis
/// connection string such as <c>127.0.0.1:6379</c>): the data-protection keys of cookies and
/// antiforgery tokens, the login rate limit's buckets, and the notices that make a switch or a
/// containment thrown on one node hold on the others at once. The database stays the source of
/// truth for everything else. Without it (the embedded default) all of this stays in the process.
/// Keys and channels start with <c>Redis:Prefix</c> and never hold personal data: addresses are
/// kept as keyed hashes.
/// </summary>
internal sealed class SharedRedis(string configuration, string prefix) : IDisposable
{
    public const string ConfigurationKey = "Redis:Configuration";
    public const string PrefixKey = "Redis:Prefix";

    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => Connect(configuration), LazyThreadSafetyMode.ExecutionAndPublication);
    private byte[]? _hashKey;

    public string Prefix { get; } = prefix;

    public IConnectionMultiplexer Connection => _connection.Value;

    public IDatabase Database => Connection.GetDatabase();

    /// <summary>The channel on which nodes tell each other that shared state changed.</summary>
    public RedisChannel Notices => RedisChannel.Literal(Prefix + ":notices");

    /// <summary>
    /// A keyed hash of <paramref name="value"/> (an address), the key drawn once per deployment and
    /// kept in Redis, so every node names one address's bucket alike and the key names no address.
    /// </summary>
    public string Pseudonym(string value)
    {
        var key = Volatile.Read(ref _hashKey);
        if (key is null)
        {
            var name = new RedisKey(Prefix + ":pseudonym-key");
            Database.StringSet(name, RandomNumberGenerator.GetBytes(32), when: When.NotExists);
            key = (byte[])Database.StringGet(name)!;
            Volatile.Write(ref _hashKey, key);
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)))[..32];
    }

    /// <summary>The deployment's Redis, or null when none is configured.</summary>
    public static SharedRedis? From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            ConfigurationOptions.Parse(value);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{ConfigurationKey}: not a StackExchange.Redis connection string ({e.Message}).", e);
        }

        var prefix = configuration[PrefixKey] is { Length: > 0 } p ? p : "tierspayant";
        return prefix.Any(char.IsWhiteSpace)
            ? throw new InvalidOperationException($"{PrefixKey}: '{prefix}' must not contain spaces.")
            : new SharedRedis(value, prefix);
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }

    private static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // A node starts even while Redis restarts; StackExchange.Redis reconnects on its own.
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    }
}
