using Microsoft.EntityFrameworkCore;

namespace TiersPayant.Tests.Architecture.Fixtures;

// Deliberate violations for ArchitectureTests: never used by product code, never called by a test.

/// <summary>Would not be a pure rule: it reads a file.</summary>
internal static class ReadsAFile
{
    internal static string Read(string path) => File.ReadAllText(path);
}

/// <summary>Would not be a pure rule: it takes an EF Core context.</summary>
internal static class TakesADbContext
{
    internal static bool CanConnect(DbContext context) => context.Database.CanConnect();
}
