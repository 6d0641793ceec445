using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Agreements;

/// <summary>
/// One edition of the regulated rules (a decree and its orders), applying to care given during
/// <see cref="Validity"/>. Every figure is data, so that a new decree is a new table, not new code.
/// </summary>
/// <param name="Name">A short name for traces and answers, e.g. <c>100-sante-2020</c>.</param>
/// <param name="Validity">The care dates it applies to.</param>
/// <param name="PriceLimits">Regulated price per unit, by code ("prix limite de vente", "honoraire limite de facturation"); a "100% Santé" or capped-price code absent here is not in force.</param>
/// <param name="Optics">Responsible-contract limits and renewal in optics.</param>
/// <param name="Audiology">Responsible-contract ceiling and renewal in audiology.</param>
/// <param name="Prescriptions">Which domains need a prescription and how long it stays valid.</param>
/// <param name="RequiredDocuments">Documents a request must carry, by domain.</param>
public sealed record RegulatedRules(
    string Name,
    DateRange Validity,
    IReadOnlyDictionary<string, Money> PriceLimits,
    OpticsRules Optics,
    AudiologyRules Audiology,
    PrescriptionRules Prescriptions,
    IReadOnlyDictionary<CareDomain, IReadOnlyList<SupportingDocument>> RequiredDocuments)
{
    /// <summary>The regulated unit price of <paramref name="code"/>, or null when it has none in this edition.</summary>
    public Money? PriceLimit(string code) => PriceLimits.TryGetValue(code, out var limit) ? limit : null;

    /// <summary>The documents a request in <paramref name="domain"/> must carry.</summary>
    public IReadOnlyList<SupportingDocument> DocumentsFor(CareDomain domain) =>
        RequiredDocuments.TryGetValue(domain, out var documents) ? documents : [];
}

/// <summary>The editions of the regulated rules, picked by care date.</summary>
public sealed class RegulatedRulesCatalog
{
    /// <summary>Creates a catalog; editions may not overlap.</summary>
    public RegulatedRulesCatalog(IEnumerable<RegulatedRules> editions)
    {
        All = [.. editions.OrderBy(e => e.Validity.From)];
        for (var i = 1; i < All.Count; i++)
        {
            if (All[i - 1].Validity.To is not { } end || end >= All[i].Validity.From)
            {
                throw new ArgumentException($"Rules {All[i - 1].Name} and {All[i].Name} overlap.", nameof(editions));
            }
        }
    }

    /// <summary>The 2015 responsible-contract rules and the 2020 "100% Santé" rules (<see cref="RegulatedRulesData"/>).</summary>
    public static RegulatedRulesCatalog Default { get; } = new([RegulatedRulesData.Rules2015, RegulatedRulesData.Rules2020]);

    /// <summary>Every edition, oldest first.</summary>
    public IReadOnlyList<RegulatedRules> All { get; }

    /// <summary>The edition that applies to care on <paramref name="careDate"/>; null when none does.</summary>
    public RegulatedRules? For(DateOnly careDate)
    {
        foreach (var edition in All)
        {
            if (edition.Validity.Contains(careDate))
            {
                return edition;
            }
        }

        return null;
    }
}
