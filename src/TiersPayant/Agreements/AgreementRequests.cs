using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Agreements;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Practices;
using TiersPayant.Guard;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements;

/// <summary>
/// Prior agreements on the guarded path: the request is validated, the card matched, the guard
/// consulted, the engine decides from the person's contract and equipment history, and the
/// agreement and its disclosure are saved together. Also reads an agreement back for its practice.
/// </summary>
public sealed class AgreementRequests(
    TiersPayantDbContext db, GuardedBeneficiaries beneficiaries, BenefitContexts contexts, AgreementDocuments attachments, ReferenceCodeTable codes, TimeProvider time)
{
    /// <summary>Domains where a quote needs a prior agreement.</summary>
    public static readonly IReadOnlyList<CareDomain> Domains = [CareDomain.Optique, CareDomain.Audioprothese, CareDomain.Dentaire];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Decides the request <paramref name="body"/>; <paramref name="uploads"/> (the portal's files,
    /// already checked) are saved encrypted with the agreement, and count as attached.
    /// </summary>
    public async Task<AgreementOutcome> RequestAsync(
        Actor actor, AgreementBody body, CancellationToken cancellation, IReadOnlyList<Documents.UploadedDocument>? uploads = null)
    {
        if (uploads is { Count: > 0 })
        {
            body = body with { Documents = [.. (body.Documents ?? []).Concat(uploads.Select(u => u.Kind.Code())).Distinct()] };
        }

        var today = Web.Localization.ParisTime.Today(time);
        // The form's reading and the engine's own checks, every wrong field at once: nothing of anyone is read for a bad request.
        var reading = AgreementValidation.Check(body, actor.Profession, today, codes);
        if (reading.Errors.Count > 0)
        {
            return AgreementOutcome.Invalid(reading.Errors) with { Codes = reading.Codes };
        }

        var (card, request, prescription, documents) = (reading.Card!, new AgreementValidation.Parsed(reading.Request!, reading.CareDate), reading.Prescription, reading.Documents);
        var match = await beneficiaries.MatchAsync(actor, card, cancellation);
        if (match.Refusal is { } refusal)
        {
            return AgreementOutcome.Refused(refusal);
        }

        if (match.Beneficiary is not { } guarded)
        {
            return AgreementOutcome.NoMatch; // the miss is already counted against the caller
        }

        var number = References.New("PEC");
        // The birth date is the one presented: the match checked it is the person's.
        var rights = (await guarded.DiscloseAsync(BeneficiaryViews.Rights | BeneficiaryViews.Care, "agreement", number, cancellation)).Rights;
        var (guarantee, responsible) = await contexts.GuaranteeAsync(rights, request.Request.Domain, cancellation);
        var history = await contexts.HistoryAsync(rights.BeneficiaryId, request.Request.Domain, cancellation);
        var evaluation = AgreementEngine.Evaluate(request.Request,
            Context(today, request.CareDate, card.BirthDate, prescription, documents, guarantee, responsible, history, codes));
        var decision = evaluation.Decision!;
        var record = new AgreementRecord
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            PracticeId = actor.PracticeId,
            BeneficiaryId = rights.BeneficiaryId,
            InsurerAmc = rights.Insurer.Value,
            Domain = request.Request.Domain.Code(),
            Status = decision.Status,
            CareDate = request.CareDate,
            ValidUntil = decision.Validity?.To,
            TotalCents = decision.Totals.Total.Cents,
            AmoCents = decision.Totals.Statutory.Cents,
            AmcCents = decision.Totals.Insurer.Cents,
            PatientCents = decision.Totals.Patient.Cents,
            Reasons = string.Join(',', decision.Reasons),
            MissingDocuments = string.Join(',', decision.MissingDocuments.Select(d => d.Code())),
            LinesJson = JsonSerializer.Serialize(Lines(request.Request, decision), Json),
            RulesEdition = decision.RulesEdition,
            NewPrescription = prescription is { CorrectionChanged: true } or { FaceChanged: true },
            Channel = actor.Channel,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Agreements.Add(record);
        foreach (var upload in uploads ?? [])
        {
            attachments.Attach(db, record.Id, upload.Kind, upload.MediaType, upload.Content, record.CreatedAt);
        }

        await db.SaveChangesAsync(cancellation);
        return AgreementOutcome.Decided(Answer(record));
    }

    /// <summary>The agreement <paramref name="number"/> if the caller's practice asked for it; null otherwise (existing or not).</summary>
    public async Task<AgreementOutcome> ReadAsync(Actor actor, string number, CancellationToken cancellation)
    {
        var record = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Number == number && a.PracticeId == actor.PracticeId, cancellation);
        if (record is null)
        {
            return AgreementOutcome.NoMatch;
        }

        var match = await beneficiaries.ThroughRecordAsync(actor, record.BeneficiaryId, cancellation);
        if (match.Refusal is { } refusal)
        {
            return AgreementOutcome.Refused(refusal);
        }

        await match.Beneficiary!.DiscloseAsync(BeneficiaryViews.Care, "agreement", record.Number, cancellation);
        return AgreementOutcome.Decided(Answer(record));
    }

    internal static AgreementAnswer Answer(AgreementRecord record) => new(
        record.Number, record.Status.Code(), record.Domain, record.CareDate, record.ValidUntil,
        new AmountsView(record.TotalCents, record.AmoCents, record.AmcCents, record.PatientCents),
        JsonSerializer.Deserialize<List<AgreementLineView>>(record.LinesJson, Json) ?? [],
        Split(record.Reasons), Split(record.MissingDocuments));

    private static string[] Split(string value) => value.Length == 0 ? [] : value.Split(',');

    private static List<AgreementLineView> Lines(AgreementRequest request, AgreementDecision decision) =>
        [.. decision.Lines.Select(l =>
        {
            var sent = request.Lines[l.Index];
            return new AgreementLineView(l.Index, l.Code, sent.Quantity, sent.UnitPrice.Cents, sent.Class, sent.Side,
                new AmountsView(l.Amounts.Total.Cents, l.Amounts.Statutory.Cents, l.Amounts.Insurer.Cents, l.Amounts.Patient.Cents), l.Reasons, l.RenewableFrom);
        })];

    internal static AgreementContext Context(
        DateOnly today, DateOnly careDate, DateOnly birthDate, Prescription? prescription, IReadOnlySet<SupportingDocument> documents,
        DomainGuarantee? guarantee, bool responsible, IReadOnlyList<PastEquipment> history, ReferenceCodeTable codes) => new()
    {
        Today = today,
        CareDate = careDate,
        BirthDate = birthDate,
        Prescription = prescription,
        Documents = documents,
        Guarantee = guarantee,
        Responsible = responsible,
        History = history,
        Codes = codes,
    };
}

/// <summary>What became of a request or a read.</summary>
public sealed record AgreementOutcome(AgreementAnswer? Answer, GuardDecision? Refusal, IReadOnlyDictionary<string, string[]>? Errors, bool NotFound)
{
    public static AgreementOutcome NoMatch { get; } = new(null, null, null, true);

    public static AgreementOutcome Decided(AgreementAnswer answer) => new(answer, null, null, false);

    public static AgreementOutcome Refused(GuardDecision decision) => new(null, decision, null, false);

    public static AgreementOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, null, errors, false);

    /// <summary>With <see cref="Errors"/>: the engine's stable codes (<see cref="FieldErrorCodes"/>) by field, where it named the field.</summary>
    public IReadOnlyDictionary<string, string[]> Codes { get; init; } = new Dictionary<string, string[]>();
}
