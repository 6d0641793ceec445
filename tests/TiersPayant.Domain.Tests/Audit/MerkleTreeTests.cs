using TiersPayant.Domain.Audit;

namespace TiersPayant.Domain.Tests.Audit;

/// <summary>RFC 6962 hashing, audit paths and consistency proofs, against the certificate-transparency test vectors.</summary>
public sealed class MerkleTreeTests
{
    // The eight leaf entries of the certificate-transparency reference tests.
    private static readonly byte[][] Leaves =
    [
        .. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
            .Select(h => MerkleTree.LeafHash(Convert.FromHexString(h))),
    ];

    [Theory]
    [InlineData(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData(2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77")]
    [InlineData(4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4")]
    [InlineData(6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef")]
    [InlineData(7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c")]
    [InlineData(8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public void The_root_of_the_first_leaves_is_the_reference_root(int size, string root) =>
        Assert.Equal(root, Convert.ToHexStringLower(MerkleTree.Root(Leaves[..size])));

    [Fact]
    public void The_empty_tree_hashes_nothing() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.Root([])));

    [Fact]
    public void Audit_paths_and_consistency_proofs_are_the_reference_ones()
    {
        Assert.Equal(
            ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            MerkleTree.InclusionProof(Leaves, 0).Select(Convert.ToHexStringLower));
        Assert.Equal(
            ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
            MerkleTree.InclusionProof(Leaves, 5).Select(Convert.ToHexStringLower));
        Assert.Equal(
            ["0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7", "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            MerkleTree.ConsistencyProof(Leaves, 3).Select(Convert.ToHexStringLower));
        Assert.Equal(
            ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
            MerkleTree.ConsistencyProof(Leaves, 6).Select(Convert.ToHexStringLower));
    }

    [Fact]
    public void Every_leaf_of_every_tree_up_to_forty_is_proven_in_it_and_a_changed_proof_proves_nothing()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToArray();
        for (var size = 1; size <= leaves.Length; size++)
        {
            var tree = leaves[..size];
            var root = MerkleTree.Root(tree);
            for (var index = 0; index < size; index++)
            {
                var proof = MerkleTree.InclusionProof(tree, index);
                Assert.True(MerkleTree.VerifyInclusion(index, size, tree[index], proof, root), $"leaf {index} of {size}");
                Assert.False(MerkleTree.VerifyInclusion(index, size, leaves[(index + 1) % leaves.Length], proof, root), $"another leaf {index} of {size}");
                if (size > 1)
                {
                    Assert.False(MerkleTree.VerifyInclusion((index + 1) % size, size, tree[index], proof, root), $"leaf {index} of {size} at another place");
                }
                if (proof.Count > 0)
                {
                    var changed = proof.Select(p => (byte[])p.Clone()).ToArray();
                    changed[^1][0] ^= 1;
                    Assert.False(MerkleTree.VerifyInclusion(index, size, tree[index], changed, root), $"changed proof {index} of {size}");
                    Assert.False(MerkleTree.VerifyInclusion(index, size, tree[index], proof.Take(proof.Count - 1).ToArray(), root), $"short proof {index} of {size}");
                }
            }
        }
    }

    [Fact]
    public void Every_smaller_tree_is_proven_a_prefix_of_every_larger_one_and_a_rewritten_history_is_not()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToArray();
        var rewritten = leaves.ToArray();
        rewritten[2] = MerkleTree.LeafHash("changed"u8);
        for (var newSize = 1; newSize <= leaves.Length; newSize++)
        {
            var newRoot = MerkleTree.Root(leaves[..newSize]);
            for (var oldSize = 1; oldSize <= newSize; oldSize++)
            {
                var oldRoot = MerkleTree.Root(leaves[..oldSize]);
                var proof = MerkleTree.ConsistencyProof(leaves[..newSize], oldSize);
                Assert.True(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof), $"{oldSize} in {newSize}");
                if (oldSize > 2 && oldSize < newSize)
                {
                    // A log that rewrote its third entry cannot prove the old checkpoint a prefix of its new tree.
                    var forged = MerkleTree.ConsistencyProof(rewritten[..newSize], oldSize);
                    Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, MerkleTree.Root(rewritten[..newSize]), forged));
                }
            }
        }
    }
}
