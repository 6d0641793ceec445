using System.Globalization;
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

    /// <summary>Refuses whole numbers outside [min, max]; a value that is not a number is already a parse error.</summary>
    public static void Range(Option<int> option, int min, int max) =>
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && (value < min || value > max))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min:N0} and {max:N0}."));
            }
        });
}
