using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements;

/// <summary>
/// What the engine needs to know about a person in a domain, read from storage: their contract's
/// guarantee (bounded by their own rights) and what they already received. Shared by agreements
/// and claims, so both decide from the same facts.
/// </summary>
public sealed class BenefitContexts(TiersPayantDbContext db)
{
    public async Task<(DomainGuarantee? Guarantee, bool Responsible)> GuaranteeAsync(RightsView person, CareDomain domain, CancellationToken cancellation)
    {
        var plan = await db.ContractPlans.AsNoTracking().Include(c => c.Guarantees)
            .SingleOrDefaultAsync(c => c.InsurerAmc == person.Insurer.Value && c.Code == person.ContractCode, cancellation);
        return Guarantee(plan, person, domain);
    }

    /// <summary>
    /// The guarantees of several people (a batch chunk's), their contracts read once: a function
    /// that answers as <see cref="GuaranteeAsync"/> would for each person and domain.
    /// </summary>
    public async Task<Func<RightsView, CareDomain, (DomainGuarantee? Guarantee, bool Responsible)>> GuaranteesAsync(
        IReadOnlyCollection<RightsView> people, CancellationToken cancellation)
    {
        var insurers = people.Select(p => p.Insurer.Value).Distinct().ToList();
        var codes = people.Select(p => p.ContractCode).Distinct().ToList();
        var plans = people.Count == 0 ? []
            : await db.ContractPlans.AsNoTracking().Include(c => c.Guarantees)
                .Where(c => insurers.Contains(c.InsurerAmc) && codes.Contains(c.Code)).ToListAsync(cancellation);
        var byContract = plans.ToDictionary(p => (p.InsurerAmc, p.Code));
        return (person, domain) => Guarantee(byContract.GetValueOrDefault((person.Insurer.Value, person.ContractCode)), person, domain);
    }

    private static (DomainGuarantee? Guarantee, bool Responsible) Guarantee(Data.Members.ContractPlanRecord? plan, RightsView person, CareDomain domain)
    {
        var stored = plan?.Guarantees.FirstOrDefault(g => g.Domain == domain.Code());
        if (plan is null || stored is null)
        {
            return (null, plan?.Responsible ?? false);
        }

        // Rights end where the person's own rights end, whatever the contract says.
        var period = new DateRange(stored.ValidFrom > person.Rights.From ? stored.ValidFrom : person.Rights.From,
            (stored.ValidTo, person.Rights.To) switch
            {
                ({ } a, { } b) => a < b ? a : b,
                (var a, var b) => a ?? b,
            });
        var basic = new Guarantee(domain, stored.PercentOfBase, stored.YearlyAllowanceCents is { } c ? new Money(c) : null, period);
        return (DomainGuarantee.FromBasic(basic), plan.Responsible);
    }

    public async Task<IReadOnlyList<PastEquipment>> HistoryAsync(Guid beneficiaryId, CareDomain domain, CancellationToken cancellation)
    {
        var rows = await db.Equipment.AsNoTracking().Where(e => e.BeneficiaryId == beneficiaryId && e.Domain == domain.Code()).ToListAsync(cancellation);
        return [.. rows.Select(Past)];
    }

    /// <summary>What several people (a batch chunk's) already received, in one read, by person and domain code.</summary>
    public async Task<Dictionary<(Guid Person, string Domain), List<PastEquipment>>> HistoriesAsync(IReadOnlyCollection<Guid> people, CancellationToken cancellation)
    {
        var rows = people.Count == 0 ? [] : await db.Equipment.AsNoTracking().Where(e => people.Contains(e.BeneficiaryId)).ToListAsync(cancellation);
        return rows.GroupBy(r => (r.BeneficiaryId, r.Domain)).ToDictionary(g => g.Key, g => g.Select(Past).ToList());
    }

    /// <summary>A delivery as the engine reads it.</summary>
    public static PastEquipment Past(Data.Agreements.EquipmentRecord delivered) => new(
        delivered.DeliveredOn, ProductKinds.TryParse(delivered.Kind, out var kind) ? kind : throw new InvalidDataException("Unknown equipment kind in the history."),
        delivered.Side is null ? null : SideCodes(delivered.Side), delivered.WithNewPrescription, new Money(delivered.InsurerPaidCents));

    private static Side? SideCodes(string code) => Sides.TryParse(code, out var side) ? side : null;
}
