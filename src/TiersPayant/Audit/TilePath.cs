using System.Globalization;
using System.Text;

namespace TiersPayant.Audit;

/// <summary>
/// Tile paths of C2SP tlog-tiles: <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> and
/// <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>, where N is written in groups of three digits, every
/// group but the last prefixed with <c>x</c> (1234067 → <c>x001/x234/067</c>), and W is the width
/// of a partial tile (1 to 255).
/// </summary>
internal static class TilePath
{
    /// <summary>The level of entry bundles, in <see cref="Parse"/>'s result.</summary>
    public const int Entries = -1;

    /// <summary>The path of a tile below <c>tile/</c>; <paramref name="level"/> <see cref="Entries"/> for an entry bundle.</summary>
    public static string Format(int level, long index, int width)
    {
        var builder = new StringBuilder(level == Entries ? "entries" : level.ToString(CultureInfo.InvariantCulture));
        var digits = index.ToString(CultureInfo.InvariantCulture);
        digits = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        for (var i = 0; i < digits.Length; i += 3)
        {
            builder.Append('/').Append(i + 3 < digits.Length ? "x" : string.Empty).Append(digits, i, 3);
        }

        if (width < Security.Audit.MerkleLog.TileWidth)
        {
            builder.Append(".p/").Append(width.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>Reads a path below <c>tile/</c>; false when it is not a tile path.</summary>
    public static bool Parse(string path, out int level, out long index, out int width)
    {
        (level, index, width) = (0, 0, Security.Audit.MerkleLog.TileWidth);
        var parts = path.Split('/');
        if (parts.Length < 2)
        {
            return false;
        }

        if (parts[0] == "entries")
        {
            level = Entries;
        }
        else if (parts[0].Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out level) || level > 63)
        {
            return false;
        }

        var count = parts.Length - 1;
        if (parts[^2].EndsWith(".p", StringComparison.Ordinal) && parts.Length >= 3)
        {
            if (!int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < 1 or > 255 || parts[^1] != width.ToString(CultureInfo.InvariantCulture))
            {
                return false;
            }

            parts[^2] = parts[^2][..^2];
            count--;
        }

        index = 0;
        for (var i = 1; i <= count; i++)
        {
            var last = i == count;
            var group = parts[i];
            if (!last)
            {
                if (!group.StartsWith('x'))
                {
                    return false;
                }

                group = group[1..];
            }

            if (group.Length != 3 || !group.All(char.IsAsciiDigit) || index > (long.MaxValue / 1000) - 1)
            {
                return false;
            }

            index = (index * 1000) + int.Parse(group, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        // One way to write each index: no leading zero group.
        return count == 1 || parts[1] != "x000";
    }
}
