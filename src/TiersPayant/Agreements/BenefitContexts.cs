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
        return [.. rows.Select(r => new PastEquipment(
            r.DeliveredOn, ProductKinds.TryParse(r.Kind, out var kind) ? kind : throw new InvalidDataException("Unknown equipment kind in the history."),
            r.Side is null ? null : SideCodes(r.Side), r.WithNewPrescription, new Money(r.InsurerPaidCents)))];
    }

    private static Side? SideCodes(string code) => Sides.TryParse(code, out var side) ? side : null;
}
