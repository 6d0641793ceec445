using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Agreements;
using TiersPayant.Data;
using TiersPayant.Data.Agreements;
using TiersPayant.Data.Claims;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Claims;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Practices;
using TiersPayant.Eligibility;
using TiersPayant.Guard;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims;

/// <summary>
/// Decides an invoice with the rules of <see cref="ClaimAdjudication"/>, reading what they need from
/// storage: against its agreement (agreed, not expired, not already invoiced, lines and
/// amounts within what was agreed, rights open on the care date), or for a direct claim against
/// the rights, the guarantee and earlier claims (the same code for the same person on the same day
/// is a duplicate). A rejected claim says why with stable reason codes; nothing is paid on it.
/// </summary>
public sealed partial class ClaimAdjudicator(TiersPayantDbContext db, GuardedBeneficiaries beneficiaries, BenefitContexts contexts, ReferenceCodeTable table)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Adjudicated(ClaimRecord Claim, List<EquipmentRecord> Equipment);

    /// <summary>
    /// The claim decided, or its errors by field (with the engine's stable codes, <see cref="FieldErrorCodes"/>,
    /// where the rules named the field), or the guard's refusal.
    /// </summary>
    public async Task<(Adjudicated? Result, Dictionary<string, string[]>? Errors, GuardDecision? Refusal)> AdjudicateAsync(
        Actor actor, ClaimBody body, DateOnly today, Dictionary<string, string[]> codes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return await AdjudicateOneAsync(actor, body, today, codes, cancellation, null);
    }

    private async Task<(Adjudicated? Result, Dictionary<string, string[]>? Errors, GuardDecision? Refusal)> AdjudicateOneAsync(
        Actor actor, ClaimBody body, DateOnly today, Dictionary<string, string[]> codes, CancellationToken cancellation, IReadOnlySet<string>? invoicedBefore)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];
        var care = CareDate(body, today, Error);
        var lines = Lines(body.Lines, Error);
        return string.IsNullOrWhiteSpace(body.AgreementNumber)
            ? await DirectAsync(actor, body, care, lines, today, errors, codes, Error, cancellation)
            : await AgainstAgreementAsync(actor, body.AgreementNumber.Trim(), care, lines, errors, Error, invoicedBefore, cancellation);
    }

    private static DateOnly? CareDate(ClaimBody body, DateOnly today, Action<string, string> error)
    {
        var care = EligibilityValidator.Date(body.CareDate, "careDate", error);
        if (care is { } c && (c > today || c < today.AddYears(-2)))
        {
            error("careDate", "must lie within the last two years, not in the future");
        }

        return care;
    }

    private async Task<(Adjudicated?, Dictionary<string, string[]>?, GuardDecision?)> AgainstAgreementAsync(
        Actor actor, string number, DateOnly? care, List<AgreementLine> lines, Dictionary<string, string[]> errors,
        Action<string, string> error, IReadOnlySet<string>? invoicedBefore, CancellationToken cancellation)
    {
        var agreement = number.Length > 20 ? null
            : await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Number == number && a.PracticeId == actor.PracticeId, cancellation);
        if (agreement is null)
        {
            error("agreementNumber", "no agreement of this practice has this number");
        }

        if (errors.Count > 0)
        {
            return (null, errors, null);
        }

        var match = await beneficiaries.ThroughRecordAsync(actor, agreement!.BeneficiaryId, cancellation);
        if (match.Refusal is { } refusal)
        {
            return (null, null, refusal);
        }

        var claimNumber = References.New("FAC");
        var rights = (await match.Beneficiary!.DiscloseAsync(BeneficiaryViews.Rights | BeneficiaryViews.Care, "claim", claimNumber, cancellation)).Rights;
        var date = care!.Value;
        var alreadyInvoiced = invoicedBefore?.Contains(agreement.Number) == true
            || await db.Claims.AnyAsync(x => x.AgreementNumber == agreement.Number && x.Status == ClaimStatus.Accepted, cancellation);
        var reasons = ClaimAdjudication.AgainstAgreement(
            agreement.Status,
            agreement.CareDate, agreement.ValidUntil, alreadyInvoiced, rights.Rights.Contains(date), date);
        var agreed = (JsonSerializer.Deserialize<List<AgreementLineView>>(agreement.LinesJson, Json) ?? [])
            .Select(a => new AgreedLine(a.Index, a.Code, a.Quantity, new Money(a.UnitPriceCents), a.Class, a.Side,
                new Shares(new Money(a.Amounts.TotalCents), new Money(a.Amounts.AmoCents), new Money(a.Amounts.AmcCents), new Money(a.Amounts.PatientCents))))
            .ToList();
        var adjudicated = ClaimAdjudication.MarkCodesNotInForce(ClaimAdjudication.LinesAgainstAgreement(agreed, lines), table, date);
        var (claim, equipment) = Build(claimNumber, rights, agreement.Domain, date, agreement.Number, reasons, adjudicated);
        return (new Adjudicated(claim, equipment), null, null);
    }

    private async Task<(Adjudicated?, Dictionary<string, string[]>?, GuardDecision?)> DirectAsync(
        Actor actor, ClaimBody body, DateOnly? care, List<AgreementLine> lines, DateOnly today, Dictionary<string, string[]> errors,
        Dictionary<string, string[]> codes, Action<string, string> error, CancellationToken cancellation)
    {
        if (Checked(actor, body, care, lines, today, errors, codes, error) is not { } direct)
        {
            return (null, errors, null);
        }

        var match = await beneficiaries.MatchAsync(actor, direct.Card, cancellation);
        if (match.Refusal is { } refusal)
        {
            return (null, null, refusal);
        }

        var claimNumber = References.New("FAC");
        if (match.Beneficiary is not { } guarded)
        {
            return (NoMatch(claimNumber, direct), null, null);
        }

        // The birth date is the one presented: the match checked it is the person's.
        var rights = (await guarded.DiscloseAsync(BeneficiaryViews.Rights | BeneficiaryViews.Care, "claim", claimNumber, cancellation)).Rights;
        var (guarantee, responsible) = await contexts.GuaranteeAsync(rights, direct.Domain, cancellation);
        var history = await contexts.HistoryAsync(rights.BeneficiaryId, direct.Domain, cancellation);
        var paid = await PaidCodesAsync([(rights.BeneficiaryId, direct.Date)], cancellation);
        return (Decide(direct, today, claimNumber, rights, guarantee, responsible, history,
            paid.GetValueOrDefault((rights.BeneficiaryId, direct.Date)) ?? new HashSet<string>(StringComparer.Ordinal)), null, null);
    }

    // The earlier accepted claims' codes of these people on these days, in one read.
    private async Task<Dictionary<(Guid, DateOnly), HashSet<string>>> PaidCodesAsync(IReadOnlyCollection<(Guid Person, DateOnly Date)> asked, CancellationToken cancellation)
    {
        var people = asked.Select(a => (Guid?)a.Person).Distinct().ToList();
        var dates = asked.Select(a => a.Date).Distinct().ToList();
        var wanted = asked.ToHashSet();
        var rows = people.Count == 0 ? []
            : await db.Claims.AsNoTracking()
                .Where(x => people.Contains(x.BeneficiaryId) && dates.Contains(x.CareDate) && x.Status == ClaimStatus.Accepted)
                .Select(x => new { Person = x.BeneficiaryId!.Value, x.CareDate, x.LinesJson }).ToListAsync(cancellation);
        return rows.Where(r => wanted.Contains((r.Person, r.CareDate)))
            .GroupBy(r => (r.Person, r.CareDate))
            .ToDictionary(g => g.Key, g => PaidCodes([.. g.Select(r => r.LinesJson)]));
    }

    private static HashSet<string> PaidCodes(IEnumerable<string> linesJson) =>
        linesJson.SelectMany(j => JsonSerializer.Deserialize<List<AgreementLineView>>(j, Json) ?? []).Select(l => l.Code).ToHashSet(StringComparer.Ordinal);

    // A direct claim's request, checked against the form and the rules that need no one's data; null when something is wrong (then in errors).
    private DirectClaim? Checked(
        Actor actor, ClaimBody body, DateOnly? care, List<AgreementLine> lines, DateOnly today, Dictionary<string, string[]> errors,
        Dictionary<string, string[]> codes, Action<string, string> error)
    {
        var card = EligibilityValidator.Presentation(body.Card, body.Beneficiary, today, error);
        CareDomain domain = default;
        var domainAllowed = false;
        if (!CareDomains.TryParse(body.Domain, out domain))
        {
            error("domain", "required for a claim without an agreement: " + string.Join(", ", actor.Profession.Domains().Select(d => d.Code())));
        }
        else if (AgreementRequests.Domains.Contains(domain))
        {
            error("agreementNumber", $"required: a claim in {domain.Code()} invoices a prior agreement");
        }
        else if (!actor.Profession.Domains().Contains(domain))
        {
            error("domain", $"not a domain of this practice's profession ({actor.Profession.Code()})");
        }
        else
        {
            domainAllowed = true;
        }

        var prescription = body.Prescription is null ? null
            : EligibilityValidator.Date(body.Prescription.Date, "prescription.date", error) is { } written ? new Prescription(written, body.Prescription.Prescriber?.Trim()) : null;
        var documents = prescription is null ? new HashSet<SupportingDocument>() : [SupportingDocument.Prescription];
        var request = new AgreementRequest(domain, lines);
        if (domainAllowed && care is { } careDate && card is not null)
        {
            // The rules' errors join the form's, so that every field is told at once; a field
            // already in error (or lines, when one of them is) keeps its first message.
            var lineInError = errors.Keys.Any(k => k.StartsWith("lines", StringComparison.Ordinal));
            foreach (var group in AgreementValidator.Validate(request, AgreementRequests.Context(today, careDate, card.BirthDate, prescription, documents, null, false, [], table)).GroupBy(e => e.Field))
            {
                if (!errors.ContainsKey(group.Key) && !(lineInError && group.Key.StartsWith("lines", StringComparison.Ordinal)))
                {
                    errors[group.Key] = [.. group.Select(e => e.Message)];
                    codes[group.Key] = [.. group.Select(e => e.Code)];
                }
            }
        }

        return errors.Count > 0 ? null : new DirectClaim(card!, domain, care!.Value, lines, prescription, documents, request);
    }

    // Nobody has this card: the claim is kept, rejected, the patient owing it all.
    private static Adjudicated NoMatch(string claimNumber, DirectClaim direct)
    {
        var nobody = direct.Lines.Select((l, i) => View(i, l, new AmountsView((l.UnitPrice * l.Quantity).Cents, 0, 0, (l.UnitPrice * l.Quantity).Cents), [])).ToList();
        return new Adjudicated(Record(claimNumber, null, direct.Domain.Code(), direct.Date, null, ClaimStatus.Rejected, ["no-match"], nobody), []);
    }

    // The engine's decision for the person's rights, guarantee and history, duplicates of what was already paid that day marked.
    private Adjudicated Decide(
        DirectClaim direct, DateOnly today, string claimNumber, RightsView rights, DomainGuarantee? guarantee, bool responsible, IReadOnlyList<PastEquipment> history, HashSet<string> paidCodes)
    {
        var date = direct.Date;
        var decision = AgreementEngine.Evaluate(direct.Request, AgreementRequests.Context(today, date, direct.Card.BirthDate, direct.Prescription, direct.Documents, guarantee, responsible, history, table)).Decision!;
        var reasons = new List<string>();
        if (!rights.Rights.Contains(date))
        {
            reasons.Add(ClaimAdjudication.RightsClosed);
        }

        if (decision.Status is AgreementStatus.Refused or AgreementStatus.Pending)
        {
            reasons.AddRange(decision.Reasons);
        }

        var adjudicated = ClaimAdjudication.MarkDuplicates(
            decision.Lines.Select(l => new AdjudicatedLine(l.Index, direct.Lines[l.Index], l.Amounts, l.Reasons)), paidCodes);
        var (claim, equipment) = Build(claimNumber, rights, direct.Domain.Code(), date, null, reasons, adjudicated);
        return new Adjudicated(claim, equipment);
    }

    // A direct claim's request once checked: what the rules decide from when the person is known.
    private sealed record DirectClaim(
        CardPresentation Card, CareDomain Domain, DateOnly Date, List<AgreementLine> Lines, Prescription? Prescription, HashSet<SupportingDocument> Documents, AgreementRequest Request);

    private (ClaimRecord, List<EquipmentRecord>) Build(
        string number, RightsView rights, string domain, DateOnly date, string? agreementNumber, List<string> reasons, IReadOnlyList<AdjudicatedLine> lines)
    {
        var beneficiaryId = rights.BeneficiaryId;
        var (status, settledReasons, settled) = ClaimAdjudication.Settle(reasons, lines);
        var views = settled.Select(l => View(l.Index, l.Line,
            new AmountsView(l.Amounts.Total.Cents, l.Amounts.Statutory.Cents, l.Amounts.Insurer.Cents, l.Amounts.Patient.Cents), l.Reasons)).ToList();
        var claim = Record(number, beneficiaryId, domain, date, agreementNumber, status, settledReasons, views);
        claim.InsurerAmc = rights.Insurer.Value;
        var equipment = status != ClaimStatus.Accepted ? [] : views
            .Select(v => (View: v, Code: table.Find(v.Code)))
            .Where(x => x.Code is { Kind: ProductKind.Frame or ProductKind.HearingAid } || x.Code?.Kind.IsLens() == true)
            .Select(x => new EquipmentRecord
            {
                Id = Guid.CreateVersion7(), BeneficiaryId = beneficiaryId, Domain = domain, Kind = x.Code!.Kind.Code(), Side = x.View.Side,
                DeliveredOn = date, InsurerPaidCents = x.View.Amounts.AmcCents, ClaimId = claim.Id,
            }).ToList();
        return (claim, equipment);
    }

    private static ClaimRecord Record(
        string number, Guid? beneficiary, string domain, DateOnly date, string? agreementNumber, ClaimStatus status, IReadOnlyList<string> reasons, List<AgreementLineView> views) => new()
    {
        Id = Guid.CreateVersion7(),
        Number = number,
        IdempotencyKey = string.Empty,
        RequestHash = [],
        BeneficiaryId = beneficiary,
        AgreementNumber = agreementNumber,
        Domain = domain,
        CareDate = date,
        Status = status,
        TotalCents = views.Sum(v => v.Amounts.TotalCents),
        AmoCents = views.Sum(v => v.Amounts.AmoCents),
        AmcCents = views.Sum(v => v.Amounts.AmcCents),
        PatientCents = views.Sum(v => v.Amounts.PatientCents),
        Reasons = string.Join(',', reasons),
        LinesJson = JsonSerializer.Serialize(views, Json),
        Channel = string.Empty,
    };

    private static AgreementLineView View(int index, AgreementLine line, AmountsView amounts, IReadOnlyList<string> reasons) =>
        new(index, line.Code, line.Quantity, line.UnitPrice.Cents, line.Class, line.Side, amounts, reasons);

    private static List<AgreementLine> Lines(IReadOnlyList<AgreementLineBody>? body, Action<string, string> error)
    {
        var lines = new List<AgreementLine>();
        if (body is not { Count: > 0 } || body.Count > 20)
        {
            error("lines", "required: 1 to 20 lines");
            return lines;
        }

        for (var i = 0; i < body.Count; i++)
        {
            var line = body[i];
            if (line is null || string.IsNullOrWhiteSpace(line.Code))
            {
                error($"lines[{i}].code", "required");
            }
            else if (line.Quantity is not (>= 1 and <= 99))
            {
                error($"lines[{i}].quantity", "required: 1 to 99");
            }
            else if (line.UnitPriceCents is not (>= 1 and <= 1_000_000))
            {
                error($"lines[{i}].unitPriceCents", "required: 1 to 1000000 (euro cents)");
            }
            else
            {
                lines.Add(new AgreementLine(line.Code.Trim(), line.Quantity.Value, new Money(line.UnitPriceCents.Value), line.Class, line.Side));
            }
        }

        return lines;
    }
}
