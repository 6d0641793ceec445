using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Protection;
using TiersPayant.Domain.Agreements;

namespace TiersPayant.Data.Agreements;

/// <summary>
/// The write side of agreements' documents, for the web host: a document is encrypted here (the
/// current key, bound to its row) and added to the caller's unit of work, so that it is saved with
/// its agreement or not at all; listing gives what was attached, never the content. Reading a
/// document back is the guarded path's (<c>TiersPayant.Security.Guard.GuardedDocuments</c>), which
/// records the disclosure first.
/// </summary>
public sealed class AgreementDocuments
{
    private readonly FieldCipher _cipher;

    internal AgreementDocuments(FieldCipher cipher) => _cipher = cipher;

    /// <summary>
    /// Encrypts <paramref name="content"/> and adds it to <paramref name="db"/> for the agreement
    /// <paramref name="agreementId"/>; nothing is written until the caller saves.
    /// </summary>
    /// <returns>The document's identifier.</returns>
    public Guid Attach(TiersPayantDbContext db, Guid agreementId, SupportingDocument kind, string mediaType, ReadOnlySpan<byte> content, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = Guid.CreateVersion7();
        var blob = _cipher.Encrypt(content, FieldBindings.Document(id));
        db.AgreementDocuments.Add(new AgreementDocumentRecord
        {
            Id = id,
            AgreementId = agreementId,
            Kind = kind.Code(),
            MediaType = mediaType,
            Length = content.Length,
            KeyId = FieldCipher.KeyIdOf(blob),
            ContentCipher = blob,
            CreatedAt = at,
        });
        return id;
    }

    /// <summary>What is attached to the agreement <paramref name="agreementId"/>: kinds, types and sizes, oldest first; never the content.</summary>
    public static async Task<IReadOnlyList<AttachedDocument>> ListAsync(TiersPayantDbContext db, Guid agreementId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.AgreementDocuments.AsNoTracking()
            .Where(d => d.AgreementId == agreementId)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Kind, d.MediaType, d.Length, d.CreatedAt })
            .ToListAsync(cancellation);
        return [.. rows.Select(d => new AttachedDocument(d.Id, d.Kind, d.MediaType, d.Length, d.CreatedAt))];
    }
}

/// <summary>A document attached to an agreement, without its content.</summary>
/// <param name="Id">The document's identifier.</param>
/// <param name="Kind">Its wire code (<c>prescription</c>, <c>quote</c>…).</param>
/// <param name="MediaType"><c>application/pdf</c>, <c>image/png</c> or <c>image/jpeg</c>.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="CreatedAt">When it was attached (UTC).</param>
public sealed record AttachedDocument(Guid Id, string Kind, string MediaType, long Length, DateTime CreatedAt);
