using System.Text;

namespace TiersPayant.Data.Protection;

/// <summary>
/// The associated data of every encrypted field: it binds the value to its row and column, so a
/// value copied to another row or column does not decrypt. Shared by the code that writes and
/// reads each field and by the re-encryption under a new key.
/// </summary>
internal static class FieldBindings
{
    /// <summary>A beneficiary's field (<c>nir</c> or <c>identity</c>).</summary>
    public static byte[] Beneficiary(Guid id, string field) => Encoding.ASCII.GetBytes($"beneficiary:{id:N}:{field}");

    /// <summary>An account's authenticator (TOTP) secret.</summary>
    public static byte[] Totp(Guid accountId) => Encoding.ASCII.GetBytes($"account:{accountId:N}:totp");

    /// <summary>A document attached to an agreement.</summary>
    public static byte[] Document(Guid id) => Encoding.ASCII.GetBytes($"agreement-document:{id:N}:content");

    /// <summary>A checked patient's card and identity as typed, bound to its row and to the session that typed them.</summary>
    public static byte[] CheckedPatient(Guid id, Guid sessionId) => Encoding.ASCII.GetBytes($"checked-patient:{id:N}:{sessionId:N}");

    /// <summary>A chunk of an invoice file sent through the API, bound to its job and its place in the file.</summary>
    public static byte[] BatchUpload(Guid jobId, int index) => Encoding.ASCII.GetBytes($"claim-batch-upload:{jobId:N}:{index}");

    public const string Nir = "nir";

    public const string Identity = "identity";
}
