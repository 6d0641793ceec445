namespace TiersPayant.Domain.Agreements;

/// <summary>
/// Spreads an amount over lines in integer cents: each line gets its proportional share rounded
/// down, and the cents left over go one each to the lines with the largest remainders, the
/// earlier line first on a tie. The result is deterministic and sums exactly to the amount.
/// </summary>
internal static class Allocation
{
    /// <summary>Adds up to <paramref name="amount"/> to the insurer's share, in proportion to each line's room, never beyond it.</summary>
    public static void Add(IReadOnlyList<LineWork> lines, Money amount)
    {
        var rooms = lines.Select(l => l.Room.Cents).ToArray();
        var spread = Split(Math.Min(amount.Cents, rooms.Sum()), rooms);
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].Insurer += new Money(spread[i]);
        }
    }

    /// <summary>
    /// Brings the insurer's total on <paramref name="lines"/> down to <paramref name="cap"/>, each
    /// line keeping its proportion of the total; the lines cut carry <paramref name="reason"/>.
    /// </summary>
    public static void Cap(IReadOnlyList<LineWork> lines, Money cap, string reason)
    {
        var shares = lines.Select(l => l.Insurer.Cents).ToArray();
        var target = Math.Max(cap.Cents, 0);
        if (shares.Sum() <= target)
        {
            return;
        }

        var kept = Split(target, shares);
        for (var i = 0; i < lines.Count; i++)
        {
            if (kept[i] < shares[i])
            {
                lines[i].Insurer = new Money(kept[i]);
                lines[i].Add(reason);
            }
        }
    }

    /// <summary>Splits <paramref name="amount"/> (at most the weights' sum) in proportion to <paramref name="weights"/>.</summary>
    public static long[] Split(long amount, long[] weights)
    {
        var result = new long[weights.Length];
        var total = weights.Sum();
        if (amount <= 0 || total <= 0)
        {
            return result;
        }

        var remainders = new (long Remainder, int Index)[weights.Length];
        var given = 0L;
        for (var i = 0; i < weights.Length; i++)
        {
            // Int128: an amount times a weight may pass long's range on absurd figures.
            var product = (Int128)amount * weights[i];
            result[i] = (long)(product / total);
            remainders[i] = ((long)(product % total), i);
            given += result[i];
        }

        Array.Sort(remainders, (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var k = 0; k < amount - given; k++)
        {
            result[remainders[k].Index]++;
        }

        return result;
    }
}
