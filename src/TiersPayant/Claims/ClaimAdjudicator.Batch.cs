using TiersPayant.Agreements;
using TiersPayant.Domain;
using TiersPayant.Domain.Claims;
using TiersPayant.Guard;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims;

/// <summary>A chunk of an invoice file decided together, with the answers of one by one.</summary>
public sealed partial class ClaimAdjudicator
{
    /// <summary>One invoice of a batch chunk: as <see cref="AdjudicateAsync"/> answers, with the rules' codes by field.</summary>
    public sealed record BatchDecision(Adjudicated? Result, Dictionary<string, string[]>? Errors, GuardDecision? Refusal, Dictionary<string, string[]> Codes);

    /// <summary>
    /// Decides a chunk of a batch's invoices in file order, as <see cref="AdjudicateAsync"/> would one
    /// after the other: the direct claims' people through the batch door
    /// (<see cref="GuardedBeneficiaries.MatchBatchAsync"/>), disclosed in one commit, their
    /// guarantees, equipment and earlier claims read once for the chunk, and each claim decided
    /// seeing also what the chunk accepted before it (same-day duplicates, equipment renewals, an
    /// agreement invoiced twice); invoices against an agreement one by one.
    /// </summary>
    public async Task<IReadOnlyList<BatchDecision>> AdjudicateBatchAsync(Actor actor, IReadOnlyList<ClaimBody> bodies, DateOnly today, CancellationToken cancellation)
    {
        var decisions = new BatchDecision?[bodies.Count];
        var directs = new DirectClaim?[bodies.Count];
        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            if (!string.IsNullOrWhiteSpace(body.AgreementNumber))
            {
                continue; // decided in order below, one by one
            }

            var (errors, codes) = (new Dictionary<string, string[]>(StringComparer.Ordinal), new Dictionary<string, string[]>(StringComparer.Ordinal));
            void Error(string field, string message) => errors[field] = [message];
            var care = CareDate(body, today, Error);
            var lines = Lines(body.Lines, Error);
            directs[i] = Checked(actor, body, care, lines, today, errors, codes, Error);
            decisions[i] = directs[i] is null ? new BatchDecision(null, errors, null, codes) : null;
        }

        // The people of the chunk's direct claims: matched and decided by the guard, then disclosed together.
        var asked = Enumerable.Range(0, bodies.Count).Where(i => directs[i] is not null).ToList();
        var matches = await beneficiaries.MatchBatchAsync(actor, [.. asked.Select(i => directs[i]!.Card)], cancellation);
        var numbers = new string[bodies.Count];
        var admitted = new List<(int Invoice, GuardedBeneficiary Beneficiary)>();
        foreach (var (i, match) in asked.Zip(matches))
        {
            numbers[i] = References.New("FAC");
            if (match.Refusal is { } refusal)
            {
                decisions[i] = new BatchDecision(null, null, refusal, []);
            }
            else if (match.Beneficiary is { } guarded)
            {
                admitted.Add((i, guarded));
            }
            else
            {
                decisions[i] = new BatchDecision(NoMatch(numbers[i], directs[i]!), null, null, []);
            }
        }

        var disclosed = await beneficiaries.DiscloseAllAsync(
            [.. admitted.Select(a => (a.Beneficiary, numbers[a.Invoice]))], BeneficiaryViews.Rights | BeneficiaryViews.Care, "claim", cancellation);
        var rights = new RightsView?[bodies.Count];
        foreach (var ((i, _), disclosure) in admitted.Zip(disclosed))
        {
            rights[i] = disclosure.Rights;
        }

        var people = admitted.Select(a => rights[a.Invoice]!).ToList();
        var guarantees = await contexts.GuaranteesAsync(people, cancellation);
        var histories = await contexts.HistoriesAsync([.. people.Select(p => p.BeneficiaryId).Distinct()], cancellation);
        var paid = await PaidCodesAsync(admitted.Select(a => (rights[a.Invoice]!.BeneficiaryId, directs[a.Invoice]!.Date)).ToList(), cancellation);
        var invoicedAgreements = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < bodies.Count; i++)
        {
            Adjudicated? decided = null;
            if (!string.IsNullOrWhiteSpace(bodies[i].AgreementNumber))
            {
                var codes = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var (result, errors, refusal) = await AdjudicateOneAsync(actor, bodies[i], today, codes, cancellation, invoicedAgreements);
                decisions[i] = new BatchDecision(result, errors, refusal, codes);
                decided = result;
            }
            else if (rights[i] is { } person)
            {
                var direct = directs[i]!;
                var (guarantee, responsible) = guarantees(person, direct.Domain);
                var history = histories.GetValueOrDefault((person.BeneficiaryId, direct.Domain.Code())) ?? [];
                decided = Decide(direct, today, numbers[i], person, guarantee, responsible, history,
                    paid.GetValueOrDefault((person.BeneficiaryId, direct.Date)) ?? new HashSet<string>(StringComparer.Ordinal));
                decisions[i] = new BatchDecision(decided, null, null, []);
            }

            // What this invoice has just been paid for, the next ones of the chunk see as earlier.
            if (decided is { Claim: { Status: ClaimStatus.Accepted, BeneficiaryId: { } beneficiary } claim })
            {
                var codes = paid.TryGetValue((beneficiary, claim.CareDate), out var known) ? known : paid[(beneficiary, claim.CareDate)] = new HashSet<string>(StringComparer.Ordinal);
                codes.UnionWith(PaidCodes([claim.LinesJson]));
                if (claim.AgreementNumber is { } agreement)
                {
                    invoicedAgreements.Add(agreement);
                }

                foreach (var delivered in decided.Equipment)
                {
                    var key = (beneficiary, delivered.Domain);
                    (histories.TryGetValue(key, out var past) ? past : histories[key] = []).Add(BenefitContexts.Past(delivered));
                }
            }
        }

        return decisions!;
    }
}
