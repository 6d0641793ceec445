using TiersPayant.Data.Accounts;
using TiersPayant.Data.Members;
using TiersPayant.Domain;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Practices;

namespace TiersPayant.Members;

/// <summary>Maps the members model to and from its rows (nothing personal here).</summary>
internal static class MemberRecords
{
    public static InsurerRecord ToRecord(this Insurer insurer) => new()
    {
        Amc = insurer.Amc.Value,
        Name = insurer.Name,
        ConventionType = insurer.ConventionType,
        RoutingCriterion = insurer.RoutingCriterion,
        Contracts =
        [
            .. insurer.Contracts.Select(c =>
            {
                var contractId = Guid.CreateVersion7();
                return new ContractPlanRecord
                {
                    Id = contractId,
                    InsurerAmc = insurer.Amc.Value,
                    Code = c.Code,
                    Name = c.Name,
                    Responsible = c.Responsible,
                    Guarantees =
                    [
                        .. c.Guarantees.Values.Select(g => new GuaranteeRecord
                        {
                            Id = Guid.CreateVersion7(),
                            ContractPlanId = contractId,
                            Domain = g.Domain.Code(),
                            PercentOfBase = g.PercentOfBase,
                            YearlyAllowanceCents = g.YearlyAllowance?.Cents,
                            ValidFrom = g.Period.From,
                            ValidTo = g.Period.To,
                        }),
                    ],
                };
            }),
        ],
    };

    public static Insurer ToInsurer(this InsurerRecord record) => new(
        AmcNumber.Parse(record.Amc), record.Name, record.ConventionType, record.RoutingCriterion,
        record.Contracts.Select(c => new ContractPlan(c.Code, c.Name, c.Responsible, c.Guarantees.Select(g => new Guarantee(
            CareDomains.TryParse(g.Domain, out var d) ? d : throw new InvalidDataException("Unknown care domain in a stored guarantee."),
            g.PercentOfBase, g.YearlyAllowanceCents is { } a ? new Money(a) : null, new DateRange(g.ValidFrom, g.ValidTo))))));

    public static PracticeRecord ToRecord(this Practice practice) => new()
    {
        Id = practice.Id.Value,
        Profession = practice.Profession.Code(),
        Name = practice.Name,
        City = practice.City,
        BillingNumber = practice.BillingNumber,
        Finess = practice.Finess,
    };
}
