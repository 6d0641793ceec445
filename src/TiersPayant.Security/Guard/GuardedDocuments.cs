using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Protection;
using TiersPayant.Domain.Agreements;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The only way to read back a document attached to an agreement: the practice that asked for the
/// agreement, or a manager of the agreement's insurer who reviews it (while it waits for review, or
/// the one who decided it). Anyone else finds nothing, existing or not. The guard decides as for
/// any read of the person, then the disclosure (field <c>document</c>, a purpose of its own) is
/// committed, and only then is the content decrypted.
/// </summary>
public sealed class GuardedDocuments
{
    /// <summary>The disclosure purpose of a practice downloading one of its documents.</summary>
    public const string PracticePurpose = "document";

    /// <summary>The disclosure purpose of an insurer's manager downloading a document of a request they review.</summary>
    public const string ReviewPurpose = "agreement-review-document";

    private readonly TiersPayantDbContext _db;
    private readonly GuardedBeneficiaries _beneficiaries;
    private readonly FieldCipher _cipher;

    internal GuardedDocuments(TiersPayantDbContext db, GuardedBeneficiaries beneficiaries, FieldCipher cipher) =>
        (_db, _beneficiaries, _cipher) = (db, beneficiaries, cipher);

    /// <summary>The document <paramref name="documentId"/> of the agreement <paramref name="number"/>, if the caller's practice asked for it.</summary>
    public async Task<DocumentOutcome> ForPracticeAsync(Actor actor, string number, Guid documentId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var practice = actor.PracticeId;
        var found = await (
            from d in _db.AgreementDocuments.AsNoTracking()
            join a in _db.Agreements.AsNoTracking() on d.AgreementId equals a.Id
            where d.Id == documentId && a.Number == number && a.PracticeId == practice
            select new { a.BeneficiaryId, a.Number }).SingleOrDefaultAsync(cancellation);
        if (found is null)
        {
            return DocumentOutcome.NotFound;
        }

        var match = await _beneficiaries.ThroughRecordAsync(actor, found.BeneficiaryId, cancellation);
        return await OpenAsync(match, documentId, PracticePurpose, found.Number, cancellation);
    }

    /// <summary>
    /// The document <paramref name="documentId"/> of the agreement <paramref name="number"/> for an
    /// insurer's manager of the agreement's insurer: while the request waits for review, or for the
    /// manager who decided it.
    /// </summary>
    public async Task<DocumentOutcome> ForReviewerAsync(StaffActor staff, string number, Guid documentId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (staff.Role != StaffRoles.InsurerManager || staff.InsurerAmc is not { } insurer)
        {
            return DocumentOutcome.NotFound;
        }

        var account = staff.AccountId;
        var found = await (
            from d in _db.AgreementDocuments.AsNoTracking()
            join a in _db.Agreements.AsNoTracking() on d.AgreementId equals a.Id
            where d.Id == documentId && a.Number == number && a.InsurerAmc == insurer
                && (a.Status == AgreementStatus.Pending || a.ReviewedBy == account)
            select new { a.BeneficiaryId, a.Number }).SingleOrDefaultAsync(cancellation);
        if (found is null)
        {
            return DocumentOutcome.NotFound;
        }

        var match = await _beneficiaries.ForStaffAsync(staff, found.BeneficiaryId, cancellation);
        return await OpenAsync(match, documentId, ReviewPurpose, found.Number, cancellation);
    }

    private async Task<DocumentOutcome> OpenAsync(MatchResult match, Guid documentId, string purpose, string reference, CancellationToken cancellation)
    {
        if (match.Refusal is { } refusal)
        {
            return DocumentOutcome.Refused(refusal);
        }

        if (match.Beneficiary is not { } guarded)
        {
            return DocumentOutcome.NotFound;
        }

        await guarded.DiscloseAsync(BeneficiaryViews.Documents, purpose, reference, cancellation);
        var row = await _db.AgreementDocuments.AsNoTracking().SingleAsync(d => d.Id == documentId, cancellation);
        var content = _cipher.Decrypt(row.ContentCipher, FieldBindings.Document(row.Id));
        return DocumentOutcome.Opened(new OpenedDocument(row.Kind, row.MediaType, content));
    }
}

/// <summary>A document read back: its kind, its media type (as found in its content) and its bytes.</summary>
/// <param name="Kind">Its wire code (<c>prescription</c>, <c>quote</c>…).</param>
/// <param name="MediaType"><c>application/pdf</c>, <c>image/png</c> or <c>image/jpeg</c>.</param>
/// <param name="Content">The clear content.</param>
public sealed record OpenedDocument(string Kind, string MediaType, byte[] Content);

/// <summary>What became of a document read: opened, refused by the guard, or not found (the same for "not yours").</summary>
public sealed class DocumentOutcome
{
    private DocumentOutcome(OpenedDocument? document, GuardDecision? refusal) => (Document, Refusal) = (document, refusal);

    /// <summary>Nothing to give: no such document, or not the caller's.</summary>
    public static DocumentOutcome NotFound { get; } = new(null, null);

    /// <summary>The document, when opened.</summary>
    public OpenedDocument? Document { get; }

    /// <summary>The guard's refusal, if it refused.</summary>
    public GuardDecision? Refusal { get; }

    internal static DocumentOutcome Opened(OpenedDocument document) => new(document, null);

    internal static DocumentOutcome Refused(GuardDecision decision) => new(null, decision);
}
