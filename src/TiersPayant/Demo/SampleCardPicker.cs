using TiersPayant.Data.Agreements;
using TiersPayant.Domain;
using TiersPayant.Domain.Members;

namespace TiersPayant.Demo;

/// <summary>
/// Chooses, while the population streams by, people with rights open today for each profession
/// that the demo shows first (one per insurer, one per family), one pair of twins, and people with
/// past equipment so that renewal rules can be tried: an adult with glasses from 18 months ago
/// (refused without a new correction), a child with glasses from 13 months ago (accepted), an
/// adult with a hearing aid on the right ear from 2 years ago (the left ear can be fitted).
/// </summary>
internal sealed class SampleCardPicker(DateOnly today, IReadOnlyList<Insurer> insurers)
{
    private static readonly CareDomain[] Showcased = [CareDomain.Pharmacie, CareDomain.Optique, CareDomain.Audioprothese, CareDomain.Dentaire];

    private readonly Dictionary<CareDomain, int> _picked = [];
    private readonly List<SampleCard> _cards = [];
    private readonly HashSet<string> _families = [];
    private Beneficiary? _previous;
    private bool _twinsPicked;
    private bool _adultGlasses;
    private bool _childGlasses;
    private bool _hearingAid;

    public IReadOnlyList<SampleCard> Cards => _cards;

    /// <summary>The past equipment of the people picked for it, to store with them.</summary>
    public List<EquipmentRecord> Equipment { get; } = [];

    public void Consider(Beneficiary person)
    {
        var domains = OpenDomains(person);
        if (PickForEquipment(person, domains))
        {
            _previous = person;
            return;
        }

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

    private bool PickForEquipment(Beneficiary person, List<CareDomain> domains)
    {
        var age = person.AgeOn(today);
        if (!_adultGlasses && age >= 20 && domains.Contains(CareDomain.Optique) && _families.Add(Family(person)))
        {
            Glasses(person, today.AddMonths(-18));
            _cards.Add(Card(person, domains, "lunettes délivrées il y a 18 mois : renouvellement refusé sans changement de correction"));
            return _adultGlasses = true;
        }

        if (!_childGlasses && age is >= 6 and < 16 && domains.Contains(CareDomain.Optique) && _families.Add(Family(person)))
        {
            Glasses(person, today.AddMonths(-13));
            _cards.Add(Card(person, domains, "enfant, lunettes délivrées il y a 13 mois : renouvellement possible"));
            return _childGlasses = true;
        }

        if (!_hearingAid && age > 20 && domains.Contains(CareDomain.Audioprothese) && _families.Add(Family(person)))
        {
            Add(person, CareDomain.Audioprothese, "hearing-aid", "right", today.AddYears(-2), 71_000);
            _cards.Add(Card(person, domains, "aide auditive droite délivrée il y a 2 ans : oreille droite non renouvelable avant 4 ans"));
            return _hearingAid = true;
        }

        return false;
    }

    private void Glasses(Beneficiary person, DateOnly delivered)
    {
        Add(person, CareDomain.Optique, "frame", null, delivered, 5_000);
        Add(person, CareDomain.Optique, "lens-simple", "right", delivered, 6_000);
        Add(person, CareDomain.Optique, "lens-simple", "left", delivered, 6_000);
    }

    private void Add(Beneficiary person, CareDomain domain, string kind, string? side, DateOnly delivered, long insurerPaidCents) =>
        Equipment.Add(new EquipmentRecord
        {
            Id = Guid.CreateVersion7(), BeneficiaryId = person.Id.Value, Domain = domain.Code(), Kind = kind, Side = side,
            DeliveredOn = delivered, InsurerPaidCents = insurerPaidCents,
        });

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
