using TiersPayant.Domain.Agreements;

namespace TiersPayant.Agreements;

/// <summary>
/// The code table every node decides with: the shipped codes (<see cref="ReferenceCodeTable.Default"/>)
/// with the operator's file (<c>Reference:CodesFile</c>, see <see cref="ReferenceCodeFile"/>) laid
/// over them. The file is read once when the node starts: after changing it, restart the nodes one
/// by one. A file with a fault stops the node with every fault named, before it serves anything.
/// </summary>
internal static class ReferenceCodesSetup
{
    /// <summary>The setting naming the operator's code file; none: the shipped codes only.</summary>
    public const string FileKey = "Reference:CodesFile";

    public static IServiceCollection AddReferenceCodes(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(_ => Load(configuration[FileKey]));

    /// <summary>The shipped table, or the shipped table with the file's codes laid over it.</summary>
    public static ReferenceCodeTable Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return ReferenceCodeTable.Default;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{FileKey}: no file at {path}.");
        }

        using var stream = File.OpenRead(path);
        var (codes, errors) = ReferenceCodeFile.Read(stream);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{FileKey} ({path}) has faults:{Environment.NewLine}"
                + string.Join(Environment.NewLine, errors));
        }

        return ReferenceCodeTable.Default.With(codes);
    }
}
