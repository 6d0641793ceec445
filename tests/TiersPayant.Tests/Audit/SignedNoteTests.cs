using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using TiersPayant.Security.Audit;

namespace TiersPayant.Tests.Audit;

/// <summary>Checkpoints as C2SP signed notes with Ed25519: the format transparency-log tooling reads.</summary>
public sealed class SignedNoteTests
{
    private static readonly byte[] Root = SHA256.HashData("racine"u8);

    [Fact]
    public void A_checkpoint_is_signed_as_a_c2sp_note_that_its_verifier_key_checks()
    {
        using var signer = NoteSigner.Create("tierspayant.example/disclosures");
        var text = SignedNotes.Checkpoint(signer.Name, 1234, Root);

        var note = signer.Sign(text);

        Assert.Equal($"tierspayant.example/disclosures\n1234\n{Convert.ToBase64String(Root)}\n", text);
        var lines = note.Split('\n');
        Assert.Equal("", lines[3]); // the blank line between the text and its signatures
        Assert.StartsWith("\u2014 tierspayant.example/disclosures ", lines[4], StringComparison.Ordinal);
        Assert.Equal(text, SignedNotes.Verify(note, signer.VerifierKey));
        Assert.True(SignedNotes.TryParseCheckpoint(text, out var origin, out var size, out var root));
        Assert.Equal(("tierspayant.example/disclosures", 1234L), (origin, size));
        Assert.Equal(Root, root);
    }

    [Fact]
    public void The_verifier_key_and_key_hash_are_as_the_specification_computes_them()
    {
        using var signer = NoteSigner.Create("audit.tierspayant");
        var parts = signer.VerifierKey.Split('+', 3);
        var key = Convert.FromBase64String(parts[2]);

        // Key hash: the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), written in hexadecimal.
        var expected = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. Encoding.UTF8.GetBytes("audit.tierspayant\n"), 0x01, .. signer.PublicKey]));
        Assert.Equal("audit.tierspayant", parts[0]);
        Assert.Equal(expected.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        Assert.Equal([0x01, .. signer.PublicKey], key);
        var signature = Convert.FromBase64String(signer.Sign("x\n").Split('\n')[2].Split(' ')[2]);
        Assert.Equal(4 + 64, signature.Length);
        Assert.Equal(expected, BinaryPrimitives.ReadUInt32BigEndian(signature));
    }

    [Fact]
    public void A_changed_text_another_key_or_a_forged_verifier_checks_nothing()
    {
        using var signer = NoteSigner.Create("tierspayant");
        using var other = NoteSigner.Create("tierspayant");
        var note = signer.Sign(SignedNotes.Checkpoint("tierspayant", 10, Root));

        Assert.Null(SignedNotes.Verify(note.Replace("\n10\n", "\n11\n", StringComparison.Ordinal), signer.VerifierKey));
        Assert.Null(SignedNotes.Verify(note, other.VerifierKey));
        var parts = signer.VerifierKey.Split('+', 3);
        Assert.Null(SignedNotes.Verify(note, $"{parts[0]}+00000000+{parts[2]}"));
        Assert.Null(SignedNotes.Verify(note, "autre+" + parts[1] + "+" + parts[2]));
        Assert.Null(SignedNotes.Verify(note.TrimEnd('\n'), signer.VerifierKey));
        Assert.Throws<ArgumentException>(() => signer.Sign("no final newline"));
        Assert.Throws<ArgumentException>(() => NoteSigner.Create("with space"));
    }

    [Fact]
    public void A_private_key_kept_outside_signs_again_as_the_same_verifier_key()
    {
        using var signer = NoteSigner.Create("tierspayant");
        var secret = signer.ExportPrivateKey();

        using var again = NoteSigner.Import("tierspayant", secret);

        Assert.Equal(signer.VerifierKey, again.VerifierKey);
        Assert.NotNull(SignedNotes.Verify(again.Sign("checkpoint\n"), signer.VerifierKey));
    }
}
