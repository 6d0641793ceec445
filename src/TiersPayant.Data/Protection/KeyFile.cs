using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace TiersPayant.Data.Protection;

/// <summary>
/// A keys file: <c>{"Encryption": {"CurrentKeyId", "Keys": {"1": …}, "BlindIndexKey"}}</c>,
/// readable by its owner only. The embedded default's, <c>DATA/keys.json</c>, is generated on
/// first use and flagged so the platform warns at start that production must supply its own keys;
/// production may point <c>Encryption:KeysFile</c> at one of its own (a mounted secret). Keys are
/// only ever added to it (<see cref="AddKey"/>), by replacing the whole file at once.
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
        try
        {
            Write(path, document, FileMode.CreateNew);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it first: use theirs.
        }

        return path;
    }

    /// <summary>The options the file holds.</summary>
    public static EncryptionOptions Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Encryption:KeysFile: no keys file at {path}.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new ConfigurationBuilder().AddJsonStream(stream).Build().GetSection(EncryptionOptions.Section).Get<EncryptionOptions>()
            ?? throw new InvalidOperationException($"Encryption:KeysFile: {path} has no section Encryption.");
    }

    /// <summary>What says the file changed: its last write and length.</summary>
    public static (DateTime Written, long Length) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (default, -1);
    }

    /// <summary>
    /// Adds a fresh random key, one above the highest, and makes it the current one; every other
    /// key is kept. Two operators rotating at once each add their own (the file is locked while it
    /// is rewritten). The new file replaces the old in one rename, so a node reading it never sees
    /// half of it.
    /// </summary>
    /// <returns>The new key's identifier.</returns>
    public static uint AddKey(string path)
    {
        using var guard = new FileStream(path + ".lock", new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, Options = FileOptions.DeleteOnClose,
        });
        var document = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new InvalidOperationException($"Encryption:KeysFile: {path} is empty.");
        var section = document[EncryptionOptions.Section]?.AsObject()
            ?? throw new InvalidOperationException($"Encryption:KeysFile: {path} has no section Encryption.");
        var keys = section["Keys"]?.AsObject()
            ?? throw new InvalidOperationException($"Encryption:KeysFile: {path} has no Keys.");
        var next = keys.Select(k => uint.TryParse(k.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).DefaultIfEmpty(0u).Max() + 1;
        keys[next.ToString(CultureInfo.InvariantCulture)] = NewKey();
        section["CurrentKeyId"] = next;
        var temporary = path + ".new";
        File.Delete(temporary);
        Write(temporary, document, FileMode.Create);
        File.Move(temporary, path, overwrite: true);
        return next;
    }

    private static void Write(string path, JsonObject document, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeySize));
}
