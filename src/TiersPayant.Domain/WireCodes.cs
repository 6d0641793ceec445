namespace TiersPayant.Domain;

/// <summary>Reads the lower-case wire codes of the domain's enumerations (files, API, configuration).</summary>
internal static class WireCodes
{
    /// <summary>The value whose code is <paramref name="code"/>, ignoring case and surrounding spaces.</summary>
    public static bool TryParse<T>(string? code, IEnumerable<T> values, Func<T, string> codeOf, out T value)
        where T : struct, Enum
    {
        var wanted = code?.Trim();
        foreach (var candidate in values)
        {
            if (string.Equals(codeOf(candidate), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The error for a stored code that names no value (a corrupt row; the code itself is not repeated).</summary>
    public static FormatException Unknown(string type) => new($"A stored {type} code names no known value.");
}
