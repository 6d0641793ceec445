using System.CommandLine;

namespace TiersPayant.Cli;

/// <summary>Options every verb takes.</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo> Data() => new("--data")
    {
        Description = "Data folder: the SQLite file, generated keys, the demo credentials file.",
        DefaultValueFactory = _ => new DirectoryInfo("data"),
    };
}
