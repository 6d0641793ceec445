using System.Globalization;

namespace TiersPayant.Bench;

/// <summary>The benchmarks' options: <c>--name value</c> after the scenario's name.</summary>
internal static class BenchArgs
{
    /// <summary>The whole number after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The text after <paramref name="name"/>, or null.</summary>
    public static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
