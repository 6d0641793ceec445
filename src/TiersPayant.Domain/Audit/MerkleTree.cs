using System.Security.Cryptography;

namespace TiersPayant.Domain.Audit;

/// <summary>
/// The Merkle tree hash of RFC 6962 §2.1 (RFC 9162 §2.1): a leaf is SHA-256(0x00 ‖ entry), an
/// interior node SHA-256(0x01 ‖ left ‖ right), the tree of n leaves splits at the largest power of
/// two below n. With the audit paths that prove a leaf is in a tree and the consistency proofs that
/// prove a tree only grew, and their verification (RFC 9162 §2.1.3.2 and §2.1.4.2), so that the
/// disclosure log can be checked by anyone holding two checkpoints. Hashes are 32 bytes.
/// </summary>
public static class MerkleTree
{
    /// <summary>The size of every hash.</summary>
    public const int HashSize = 32;

    /// <summary>The hash of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The leaf hash of an entry: SHA-256(0x00 ‖ entry).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        var buffer = new byte[1 + entry.Length];
        entry.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    /// <summary>An interior node: SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The root of the tree whose leaf hashes are <paramref name="leaves"/>, in order.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        return leaves.Count == 0 ? EmptyRoot() : Root(leaves, 0, leaves.Count);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of all <paramref name="leaves"/> (RFC 6962 §2.1.1).</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, int index)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Count);
        var proof = new List<byte[]>();
        Path(leaves, index, 0, leaves.Count, proof);
        return proof;
    }

    /// <summary>The proof that the tree of the first <paramref name="oldSize"/> leaves is a prefix of the tree of all of them (RFC 6962 §2.1.2).</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, int oldSize)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, leaves.Count);
        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < leaves.Count)
        {
            SubProof(leaves, oldSize, 0, leaves.Count, complete: true, proof);
        }

        return proof;
    }

    /// <summary>Whether <paramref name="proof"/> shows leaf <paramref name="index"/> with hash <paramref name="leaf"/> in the tree of <paramref name="size"/> leaves and <paramref name="root"/> (RFC 9162 §2.1.3.2).</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leaf, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size)
        {
            return false;
        }

        var (fn, sn) = (index, size - 1);
        var r = leaf.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p.Length != HashSize)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    (fn, sn) = (fn >> 1, sn >> 1);
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Whether <paramref name="proof"/> shows the tree of <paramref name="oldSize"/> leaves and <paramref name="oldRoot"/> is a prefix of the tree of <paramref name="newSize"/> leaves and <paramref name="newRoot"/> (RFC 9162 §2.1.4.2).</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 0 || oldSize > newSize)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (oldSize == 0)
        {
            return proof.Count == 0; // the empty tree is a prefix of every tree
        }

        if (proof.Count == 0 || proof.Any(p => p.Length != HashSize))
        {
            return false;
        }

        // When the old size is a power of two, the old root is the first node of the path.
        var path = (oldSize & (oldSize - 1)) == 0 ? [oldRoot.ToArray(), .. proof] : proof.ToList();
        var (fn, sn) = (oldSize - 1, newSize - 1);
        while ((fn & 1) == 1)
        {
            (fn, sn) = (fn >> 1, sn >> 1);
        }

        var (fr, sr) = (path[0], path[0]);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    (fn, sn) = (fn >> 1, sn >> 1);
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }

    /// <summary>The root of the tree of the first <paramref name="size"/> leaves, from the hashes of its full subtrees.</summary>
    public static async ValueTask<byte[]> RootAsync(long size, SubtreeSource subtrees)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? EmptyRoot() : await HashAsync(0, size, subtrees);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, from the hashes of its full subtrees.</summary>
    public static async ValueTask<IReadOnlyList<byte[]>> InclusionProofAsync(long index, long size, SubtreeSource subtrees)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        var (start, count) = (0L, size);
        var siblings = new List<(long Start, long Count)>();
        while (count > 1)
        {
            var k = Split(count);
            if (index - start < k)
            {
                siblings.Add((start + k, count - k));
                count = k;
            }
            else
            {
                siblings.Add((start, k));
                (start, count) = (start + k, count - k);
            }
        }

        for (var i = siblings.Count - 1; i >= 0; i--)
        {
            proof.Add(await HashAsync(siblings[i].Start, siblings[i].Count, subtrees));
        }

        return proof;
    }

    /// <summary>The proof that the tree of <paramref name="oldSize"/> leaves is a prefix of the tree of <paramref name="newSize"/>, from the hashes of its full subtrees.</summary>
    public static async ValueTask<IReadOnlyList<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, SubtreeSource subtrees)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var nodes = new List<(long Start, long Count)>();
        if (oldSize > 0 && oldSize < newSize)
        {
            var (m, start, count, complete) = (oldSize, 0L, newSize, true);
            while (m != count)
            {
                var k = Split(count);
                if (m <= k)
                {
                    nodes.Add((start + k, count - k));
                    count = k;
                }
                else
                {
                    nodes.Add((start, k));
                    (m, start, count, complete) = (m - k, start + k, count - k, false);
                }
            }

            if (!complete)
            {
                nodes.Add((start, count));
            }
        }

        var proof = new List<byte[]>(nodes.Count);
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            proof.Add(await HashAsync(nodes[i].Start, nodes[i].Count, subtrees));
        }

        return proof;
    }

    /// <summary>The hash of the leaves [start, start + count) as a subtree of the RFC 6962 tree: full subtrees from the source, the rest split.</summary>
    private static async ValueTask<byte[]> HashAsync(long start, long count, SubtreeSource subtrees)
    {
        if ((count & (count - 1)) == 0)
        {
            return await subtrees(start, System.Numerics.BitOperations.Log2((ulong)count));
        }

        var k = Split(count);
        var left = await HashAsync(start, k, subtrees);
        var right = await HashAsync(start + k, count - k, subtrees);
        return NodeHash(left, right);
    }

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = Split(count);
        return NodeHash(Root(leaves, start, k), Root(leaves, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, int index, int start, int count, List<byte[]> proof)
    {
        if (count == 1)
        {
            return;
        }

        var k = Split(count);
        if (index < k)
        {
            Path(leaves, index, start, k, proof);
            proof.Add(Root(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, index - k, start + k, count - k, proof);
            proof.Add(Root(leaves, start, k));
        }
    }

    private static void SubProof(IReadOnlyList<byte[]> leaves, int m, int start, int count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Root(leaves, start, count));
            }

            return;
        }

        var k = Split(count);
        if (m <= k)
        {
            SubProof(leaves, m, start, k, complete, proof);
            proof.Add(Root(leaves, start + k, count - k));
        }
        else
        {
            SubProof(leaves, m - k, start + k, count - k, complete: false, proof);
            proof.Add(Root(leaves, start, k));
        }
    }

    // The largest power of two smaller than n (n > 1).
    private static int Split(int n) => (int)Split((long)n);

    private static long Split(long n)
    {
        var k = 1L;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
