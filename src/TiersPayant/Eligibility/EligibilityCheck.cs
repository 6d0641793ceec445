using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Eligibility;
using TiersPayant.Domain;
using TiersPayant.Domain.Practices;
using TiersPayant.Guard;
using TiersPayant.Security.Guard;

namespace TiersPayant.Eligibility;

/// <summary>
/// The rights check, shared by the API, FHIR and the portal: the presented card and person go
/// through the guarded path; the answer is the coverage per domain on the care date, and nothing
/// of the person the caller did not send. The check and its disclosure are saved together.
/// </summary>
public sealed class EligibilityCheck(TiersPayantDbContext db, GuardedBeneficiaries beneficiaries, TimeProvider time)
{
    public async Task<EligibilityOutcome> CheckAsync(Actor actor, EligibilityQuery query, CancellationToken cancellation)
    {
        var domains = query.Domains.Count > 0 ? query.Domains : actor.Profession.Domains();
        var reference = References.New("IDB");
        var match = await beneficiaries.MatchAsync(actor, query.Card, cancellation);
        if (match.Refusal is { } refusal)
        {
            return new EligibilityOutcome(null, refusal);
        }

        EligibilityAnswer answer;
        if (match.Beneficiary is not { } guarded)
        {
            answer = new EligibilityAnswer(EligibilityStatuses.NoMatch, reference, []);
        }
        else
        {
            var rights = (await guarded.DiscloseAsync(BeneficiaryViews.Rights, "eligibility", reference, cancellation)).Rights;
            var guarantees = await db.ContractPlans.AsNoTracking()
                .Where(c => c.InsurerAmc == rights.Insurer.Value && c.Code == rights.ContractCode)
                .SelectMany(c => c.Guarantees).ToListAsync(cancellation);
            var coverage = domains.Select(domain => Coverage(domain, rights.Rights, guarantees.FirstOrDefault(g => g.Domain == domain.Code()), query.CareDate)).ToList();
            answer = new EligibilityAnswer(coverage.Any(c => c.Covered) ? EligibilityStatuses.Covered : EligibilityStatuses.NotCovered, reference, coverage);
        }

        db.EligibilityChecks.Add(new EligibilityCheckRecord
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            OccurredAt = time.GetUtcNow().UtcDateTime,
            PracticeId = actor.PracticeId,
            Channel = actor.Channel,
            Status = answer.Status,
            BeneficiaryId = match.Beneficiary?.Id,
            CareDate = query.CareDate,
            Domains = string.Join(',', domains.Select(d => d.Code())),
        });
        await db.SaveChangesAsync(cancellation);
        return new EligibilityOutcome(answer, null);
    }

    // Covered on the care date when both the person's rights and the contract's guarantee for
    // the domain run that day; the period given is where both run.
    private static CoverageLine Coverage(CareDomain domain, Domain.Members.DateRange rights, Data.Members.GuaranteeRecord? guarantee, DateOnly careDate)
    {
        if (guarantee is null)
        {
            return new CoverageLine(domain.Code(), false, null, null);
        }

        var from = guarantee.ValidFrom > rights.From ? guarantee.ValidFrom : rights.From;
        DateOnly? to = (guarantee.ValidTo, rights.To) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            (null, null) => null,
        };
        if (to is { } end && end < from)
        {
            return new CoverageLine(domain.Code(), false, null, null);
        }

        return new CoverageLine(domain.Code(), careDate >= from && (to is null || careDate <= to), from, to);
    }
}

/// <summary>What the professional presented and asks about.</summary>
public sealed record EligibilityQuery(CardPresentation Card, DateOnly CareDate, IReadOnlyList<CareDomain> Domains);

/// <summary>Either an answer or the guard's refusal.</summary>
public sealed record EligibilityOutcome(EligibilityAnswer? Answer, GuardDecision? Refusal);

/// <summary>The answer of CONTRACT.md: status, reference, coverage per domain.</summary>
public sealed record EligibilityAnswer(string Status, string Reference, IReadOnlyList<CoverageLine> Coverage);

/// <summary>Coverage in one domain: whether it runs on the care date, and from when to when.</summary>
public sealed record CoverageLine(string Domain, bool Covered, DateOnly? From, DateOnly? To);

/// <summary>Values of <see cref="EligibilityAnswer.Status"/>.</summary>
public static class EligibilityStatuses
{
    /// <summary>At least one domain asked about is covered on the care date.</summary>
    public const string Covered = "covered";

    /// <summary>The person was found; no domain asked about is covered that day.</summary>
    public const string NotCovered = "not-covered";

    /// <summary>The single answer for every mismatch.</summary>
    public const string NoMatch = "no-match";
}
