namespace TiersPayant.Data.Claims;

/// <summary>
/// A piece of an uploaded invoice file (which holds names and birth dates), encrypted: an
/// AES-256-GCM blob bound to its job and its place (<see cref="Protection.FieldBindings.BatchUpload"/>).
/// Internal: the web host stores and reads the file through <see cref="ClaimBatchUploads"/> only.
/// </summary>
internal sealed class ClaimBatchUploadChunkRecord
{
    public Guid JobId { get; set; }

    /// <summary>The chunk's place in the file, from 0.</summary>
    public int Index { get; set; }

    /// <summary>The key that encrypted <see cref="ContentCipher"/> (also in the blob's header).</summary>
    public long KeyId { get; set; }

    /// <summary>The encrypted bytes; never the clear ones.</summary>
    public required byte[] ContentCipher { get; set; }
}
