using TiersPayant.Domain;
using TiersPayant.Domain.Members;

namespace TiersPayant.Demo;

/// <summary>
/// The synthetic insurers of the demo and their contracts: different levels of guarantee,
/// a non-responsible contract, a domain whose guarantee has not started yet.
/// </summary>
internal static class DemoCatalog
{
    public static IReadOnlyList<Insurer> Insurers(DateOnly today)
    {
        var since = new DateOnly(2020, 1, 1);
        var open = new DateRange(since, null);
        Guarantee G(CareDomain d, int percent, long? allowanceEuros = null, DateRange? period = null) =>
            new(d, percent, allowanceEuros is { } a ? Money.FromEuros(a) : null, period ?? open);
        IEnumerable<Guarantee> Basics(int percent) =>
        [
            G(CareDomain.Pharmacie, 100), G(CareDomain.Medecin, percent), G(CareDomain.Laboratoire, 100),
            G(CareDomain.Auxiliaire, 100), G(CareDomain.Radiologie, percent), G(CareDomain.Transport, 100),
            G(CareDomain.Hospitalisation, percent),
        ];

        // Dental cover of this contract starts next quarter: members see it as not yet open.
        var nextQuarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddMonths(3);
        return
        [
            new Insurer(AmcNumber.Parse("775000012"), "Mutuelle des Tilleuls", "TPS", "01",
            [
                new ContractPlan("ESSENTIEL", "Essentiel", true,
                    [.. Basics(100), G(CareDomain.Optique, 100, 100), G(CareDomain.Dentaire, 125), G(CareDomain.Audioprothese, 100)]),
                new ContractPlan("CONFORT", "Confort", true,
                    [.. Basics(200), G(CareDomain.Optique, 100, 250), G(CareDomain.Dentaire, 250), G(CareDomain.Audioprothese, 100, 400)]),
            ]),
            new Insurer(AmcNumber.Parse("693000021"), "Prévoyance Rhône-Alpes Santé", "TPS", "02",
            [
                new ContractPlan("PRAS-1", "Formule 1", true,
                    [.. Basics(100), G(CareDomain.Optique, 100, 150), G(CareDomain.Audioprothese, 100, 200),
                     G(CareDomain.Dentaire, 150, period: new DateRange(nextQuarter, null))]),
                new ContractPlan("PRAS-3", "Formule 3", true,
                    [.. Basics(300), G(CareDomain.Optique, 100, 350), G(CareDomain.Dentaire, 300), G(CareDomain.Audioprothese, 100, 600)]),
            ]),
            new Insurer(AmcNumber.Parse("130000034"), "Assurance Santé Méditerranée", "AMC", "07",
            [
                new ContractPlan("ASM-ECO", "Éco", true, [.. Basics(100), G(CareDomain.Optique, 100), G(CareDomain.Dentaire, 100)]),
                new ContractPlan("ASM-LIBRE", "Liberté (non responsable)", false,
                    [.. Basics(400), G(CareDomain.Optique, 100, 600), G(CareDomain.Dentaire, 400), G(CareDomain.Audioprothese, 100, 1000)]),
            ]),
            new Insurer(AmcNumber.Parse("974000045"), "Mutuelle de l'Océan Indien", "TPS", "04",
            [
                new ContractPlan("MOI-FAMILLE", "Famille", true,
                    [.. Basics(150), G(CareDomain.Optique, 100, 200), G(CareDomain.Dentaire, 200), G(CareDomain.Audioprothese, 100, 300)]),
            ]),
        ];
    }
}
