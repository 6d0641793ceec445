using System.Security.Cryptography;
using TiersPayant.Domain.Audit;

namespace TiersPayant.Domain.Tests.Audit;

/// <summary>
/// The tree as the log stores it: roots and proofs computed from the hashes of full subtrees
/// (what tiles hold) are those of the tree of all leaves, and a tree grown leaf by leaf in
/// constant memory has the same root at every size and reports each full subtree as it completes.
/// </summary>
public sealed class StoredTreeTests
{
    private static readonly byte[][] Leaves = [.. Enumerable.Range(0, 300).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i)))];

    // Full subtrees asked for, as (start, height): a stored tree can only answer aligned ones.
    private static SubtreeSource Subtrees(List<(long Start, int Height)> asked) => (start, height) =>
    {
        Assert.Equal(0, start % (1L << height));
        asked.Add((start, height));
        return ValueTask.FromResult(MerkleTree.Root(Leaves[(int)start..(int)(start + (1L << height))]));
    };

    [Fact]
    public async Task Roots_and_proofs_from_full_subtrees_are_those_of_the_whole_tree()
    {
        var asked = new List<(long, int)>();
        foreach (var size in new[] { 1, 2, 3, 7, 8, 9, 31, 64, 100, 255, 256, 257, 300 })
        {
            var leaves = Leaves[..size];
            Assert.Equal(MerkleTree.Root(leaves), await MerkleTree.RootAsync(size, Subtrees(asked)));
            foreach (var index in new[] { 0, size / 3, size / 2, size - 1 })
            {
                Assert.Equal(MerkleTree.InclusionProof(leaves, index), await MerkleTree.InclusionProofAsync(index, size, Subtrees(asked)));
            }

            foreach (var old in new[] { 0, 1, size / 2, size - 1, size })
            {
                Assert.Equal(MerkleTree.ConsistencyProof(leaves, old), await MerkleTree.ConsistencyProofAsync(old, size, Subtrees(asked)));
            }
        }

        Assert.NotEmpty(asked);
    }

    [Fact]
    public async Task A_root_needs_one_full_subtree_per_set_bit_of_the_size()
    {
        var asked = new List<(long Start, int Height)>();

        await MerkleTree.RootAsync(300, Subtrees(asked)); // 256 + 32 + 8 + 4

        Assert.Equal([(0L, 8), (256L, 5), (288L, 3), (296L, 2)], asked);
    }

    [Fact]
    public void A_tree_grown_leaf_by_leaf_has_the_root_of_its_leaves_at_every_size_and_reports_its_full_subtrees()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<(long Start, int Height, byte[] Hash)>();
        Assert.Equal(MerkleTree.EmptyRoot(), frontier.Root());
        for (var i = 0; i < Leaves.Length; i++)
        {
            frontier.Append(Leaves[i], (start, height, hash) => completed.Add((start, height, hash)));
            Assert.Equal(MerkleTree.Root(Leaves[..(i + 1)]), frontier.Root());
        }

        Assert.Equal(300, frontier.Size);
        var eights = completed.Where(c => c.Height == 8).ToList();
        Assert.Equal([0L], eights.Select(c => c.Start));
        Assert.Equal(MerkleTree.Root(Leaves[..256]), eights[0].Hash);
        Assert.All(completed, c => Assert.Equal(MerkleTree.Root(Leaves[(int)c.Start..(int)(c.Start + (1L << c.Height))]), c.Hash));
        Assert.Equal(300 - 4, completed.Count); // every merge of two subtrees; 300 has four set bits
    }

    [Fact]
    public void A_tree_resumed_from_the_subtrees_of_a_purged_prefix_goes_on_with_the_same_roots()
    {
        var resumed = MerkleFrontier.FromSubtrees(256 + 32, [MerkleTree.Root(Leaves[..256]), MerkleTree.Root(Leaves[256..288])]);
        for (var i = 288; i < 300; i++)
        {
            resumed.Append(Leaves[i]);
        }

        Assert.Equal(MerkleTree.Root(Leaves), resumed.Root());
        Assert.Throws<ArgumentException>(() => MerkleFrontier.FromSubtrees(288, [RandomNumberGenerator.GetBytes(32)]));
    }
}
