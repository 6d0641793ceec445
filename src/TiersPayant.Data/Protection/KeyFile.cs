using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TiersPayant.Data.Protection;

/// <summary>
/// The keys file of the embedded default, <c>DATA/keys.json</c>: generated on first use when no
/// keys are configured, readable by its owner only, and flagged so the platform warns at start
/// that production must supply its own keys.
/// </summary>
internal static class KeyFile
{
    public const string FileName = "keys.json";

    /// <summary>Creates the file with fresh random keys if it does not exist; returns its path.</summary>
    public static string EnsureExists(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return path;
        }

        var document = new JsonObject
        {
            [EncryptionOptions.Section] = new JsonObject
            {
                ["Generated"] = true,
                ["CurrentKeyId"] = 1,
                ["Keys"] = new JsonObject { ["1"] = NewKey() },
                ["BlindIndexKey"] = NewKey(),
            },
        };
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        document.WriteTo(writer);
        return path;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeySize));
}
