using System.Security.Cryptography;

namespace TiersPayant.Payments;

/// <summary>Files a bank picks up: written beside their name, flushed, then renamed into place; an identical file already there is kept.</summary>
internal static class SafeFiles
{
    /// <summary>The file's bytes; a field the writer refuses (named, never its value) stops the run with a clear message instead of a crash.</summary>
    public static byte[] Build(Func<byte[]> write)
    {
        try
        {
            return write();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"the SEPA file could not be written ({e.ParamName}: {e.Message.Split(" (Parameter", 2)[0]}); correct it and run again: nothing was paid twice", e);
        }
    }

    public static void Publish(string folder, string name, byte[] bytes)
    {
        var final = Path.Combine(folder, name);
        if (File.Exists(final))
        {
            if (SHA256.HashData(File.ReadAllBytes(final)).AsSpan().SequenceEqual(SHA256.HashData(bytes)))
            {
                return; // written before a stop, not yet recorded
            }

            throw new InvalidOperationException($"{final} exists with other contents: a bank may have picked it up; it is left as it is, and this run is not recorded as written");
        }

        var partial = Path.Combine(folder, ".partial");
        Directory.CreateDirectory(partial);
        var temporary = Path.Combine(partial, name);
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, final, overwrite: false);
    }
}
