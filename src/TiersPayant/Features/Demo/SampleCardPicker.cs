using TiersPayant.Domain;
using TiersPayant.Domain.Members;

namespace TiersPayant.Features.Demo;

/// <summary>
/// Chooses, while the population streams by, people with rights open today for each profession
/// that the demo shows first (one per insurer, one per family), and one pair of twins.
/// </summary>
internal sealed class SampleCardPicker(DateOnly today, IReadOnlyList<Insurer> insurers)
{
    private static readonly CareDomain[] Showcased = [CareDomain.Pharmacie, CareDomain.Optique, CareDomain.Audioprothese, CareDomain.Dentaire];

    private readonly Dictionary<CareDomain, int> _picked = [];
    private readonly List<SampleCard> _cards = [];
    private readonly HashSet<string> _families = [];
    private Beneficiary? _previous;
    private bool _twinsPicked;

    public IReadOnlyList<SampleCard> Cards => _cards;

    public void Consider(Beneficiary person)
    {
        var domains = OpenDomains(person);
        if (!_twinsPicked && _previous is { } first && person.BirthRank == 2 && first.BirthRank == 1
            && first.BirthDate == person.BirthDate && first.MembershipNumber == person.MembershipNumber
            && first.Relationship == Relationship.Child && domains.Count > 0 && OpenDomains(first).Count > 0)
        {
            _families.Add(Family(person));
            _cards.Add(Card(first, OpenDomains(first), "jumeau·elle, rang 1"));
            _cards.Add(Card(person, domains, "jumeau·elle, rang 2"));
            _twinsPicked = true;
        }
        else
        {
            var wanted = Showcased.Where(d => domains.Contains(d) && WantsFrom(d, person)).ToList();
            if (wanted.Count > 0 && _families.Add(Family(person)))
            {
                _picked[wanted[0]] = _picked.GetValueOrDefault(wanted[0]) + 1;
                _cards.Add(Card(person, domains, null));
            }
        }

        _previous = person;
    }

    // The n-th card of a domain comes from the n-th insurer, so every insurer shows up.
    private bool WantsFrom(CareDomain domain, Beneficiary person)
    {
        var picked = _picked.GetValueOrDefault(domain);
        return picked < insurers.Count && insurers[picked].Amc == person.Insurer;
    }

    private static string Family(Beneficiary person) => $"{person.Insurer}/{person.MembershipNumber}";

    private List<CareDomain> OpenDomains(Beneficiary person)
    {
        if (!person.Rights.Contains(today))
        {
            return [];
        }

        var contract = insurers.First(i => i.Amc == person.Insurer).FindContract(person.ContractCode);
        return contract is null ? [] : [.. CareDomains.All.Where(d => contract.Covers(d, today))];
    }

    private static SampleCard Card(Beneficiary b, List<CareDomain> domains, string? note) =>
        new(b.Insurer.Value, b.MembershipNumber, b.Name.LastName, b.Name.FirstName, b.BirthDate, b.BirthRank,
            [.. domains.Select(d => d.Code())], note);
}
