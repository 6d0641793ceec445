namespace TiersPayant.Domain.Audit;

/// <summary>
/// The hash of the full subtree of 2^<paramref name="height"/> leaves that starts at leaf
/// <paramref name="start"/> (a multiple of its size): how stored trees (tiles) answer the
/// asynchronous roots and proofs of <see cref="MerkleTree"/>.
/// </summary>
public delegate ValueTask<byte[]> SubtreeSource(long start, int height);

/// <summary>
/// A tree built one leaf at a time, keeping only the roots of its full subtrees (at most one per
/// height): its root at any size, and each full subtree as it completes, for checking stored
/// tiles. What verification uses to walk millions of records in constant memory.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<(int Height, byte[] Hash)> _stack = [];

    /// <summary>Leaves added so far.</summary>
    public long Size { get; private set; }

    /// <summary>Starts from the full subtrees of a tree whose first leaves are gone (purged), largest first.</summary>
    public static MerkleFrontier FromSubtrees(long size, IReadOnlyList<byte[]> subtrees)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        var frontier = new MerkleFrontier { Size = size };
        var heights = Enumerable.Range(0, 63).Where(h => (size & (1L << h)) != 0).Reverse().ToList();
        if (heights.Count != subtrees.Count)
        {
            throw new ArgumentException("One subtree per set bit of the size, largest first.", nameof(subtrees));
        }

        for (var i = 0; i < heights.Count; i++)
        {
            frontier._stack.Add((heights[i], subtrees[i]));
        }

        return frontier;
    }

    /// <summary>Adds the next leaf; <paramref name="completed"/> hears of every full subtree this completes (height ≥ 1), with its start.</summary>
    public void Append(byte[] leafHash, Action<long, int, byte[]>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var (height, hash) = (0, leafHash);
        Size++;
        while (_stack.Count > 0 && _stack[^1].Height == height)
        {
            hash = MerkleTree.NodeHash(_stack[^1].Hash, hash);
            _stack.RemoveAt(_stack.Count - 1);
            height++;
            completed?.Invoke(Size - (1L << height), height, hash);
        }

        _stack.Add((height, hash));
    }

    /// <summary>The root of the tree of the leaves so far.</summary>
    public byte[] Root()
    {
        if (_stack.Count == 0)
        {
            return MerkleTree.EmptyRoot();
        }

        var root = _stack[^1].Hash;
        for (var i = _stack.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(_stack[i].Hash, root);
        }

        return root;
    }
}
