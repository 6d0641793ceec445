using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Eligibility;

namespace TiersPayant.Tests.Web;

/// <summary>One seeded platform on SQLite for a class of tests that only send what is refused before anyone is looked up.</summary>
public sealed class SeededPlatform : IAsyncLifetime
{
    internal EligibilityKit Kit { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync() => await Kit.DisposeAsync();
}
