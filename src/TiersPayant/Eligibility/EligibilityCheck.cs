using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Eligibility;
using TiersPayant.Data.Members;
using TiersPayant.Domain;
using TiersPayant.Domain.Eligibility;
using TiersPayant.Domain.Members;
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

        EligibilityStatus status;
        IReadOnlyList<DomainCoverage> coverage = [];
        if (match.Beneficiary is not { } guarded)
        {
            status = EligibilityStatus.NoMatch;
        }
        else
        {
            var rights = (await guarded.DiscloseAsync(BeneficiaryViews.Rights, "eligibility", reference, cancellation)).Rights;
            var guarantees = await db.ContractPlans.AsNoTracking()
                .Where(c => c.InsurerAmc == rights.Insurer.Value && c.Code == rights.ContractCode)
                .SelectMany(c => c.Guarantees).ToListAsync(cancellation);
            coverage = [.. domains.Select(domain => CoverageRule.For(
                domain, rights.Rights, Period(guarantees.FirstOrDefault(g => g.Domain == domain.Code())), query.CareDate))];
            status = CoverageRule.StatusOf(coverage);
        }

        var answer = new EligibilityAnswer(status.Code(), reference, [.. coverage.Select(CoverageLine.Of)]);
        db.EligibilityChecks.Add(new EligibilityCheckRecord
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            OccurredAt = time.GetUtcNow().UtcDateTime,
            PracticeId = actor.PracticeId,
            Channel = actor.Channel,
            Status = status,
            BeneficiaryId = match.Beneficiary?.Id,
            CareDate = query.CareDate,
            Domains = string.Join(',', domains.Select(d => d.Code())),
        });
        await db.SaveChangesAsync(cancellation);
        return new EligibilityOutcome(answer, null);
    }

    private static DateRange? Period(GuaranteeRecord? guarantee) =>
        guarantee is null || guarantee.ValidTo < guarantee.ValidFrom ? null : new DateRange(guarantee.ValidFrom, guarantee.ValidTo);
}

/// <summary>What the professional presented and asks about.</summary>
public sealed record EligibilityQuery(CardPresentation Card, DateOnly CareDate, IReadOnlyList<CareDomain> Domains);

/// <summary>Either an answer or the guard's refusal.</summary>
public sealed record EligibilityOutcome(EligibilityAnswer? Answer, GuardDecision? Refusal);

/// <summary>The answer of CONTRACT.md: status (an <see cref="EligibilityStatus"/> code), reference, coverage per domain.</summary>
public sealed record EligibilityAnswer(string Status, string Reference, IReadOnlyList<CoverageLine> Coverage);

/// <summary>Coverage in one domain: whether it runs on the care date, and from when to when.</summary>
public sealed record CoverageLine(string Domain, bool Covered, DateOnly? From, DateOnly? To)
{
    /// <summary>The wire shape of the Domain's coverage.</summary>
    public static CoverageLine Of(DomainCoverage coverage) =>
        new(coverage.Domain.Code(), coverage.Covered, coverage.Period?.From, coverage.Period?.To);
}
