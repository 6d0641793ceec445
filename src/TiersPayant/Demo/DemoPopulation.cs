using System.Globalization;
using TiersPayant.Domain;
using TiersPayant.Domain.Identity;
using TiersPayant.Domain.Members;

namespace TiersPayant.Demo;

/// <summary>
/// Synthetic insured families, the same for the same seed and day: holders with spouses and
/// children, twins told apart by birth rank, children covered under a parent's NIR, married
/// names, births in Corsica, overseas and abroad, and rights that are open, expired or future.
/// </summary>
internal sealed class DemoPopulation(int seed, DateOnly today, IReadOnlyList<Insurer> insurers)
{
    private readonly Random _random = new(seed);

    /// <summary>Generates beneficiaries family by family until <paramref name="count"/> people.</summary>
    public IEnumerable<Beneficiary> Generate(int count)
    {
        var produced = 0;
        for (var family = 0; produced < count; family++)
        {
            foreach (var person in Family(family))
            {
                if (produced++ == count)
                {
                    yield break;
                }

                yield return person;
            }
        }
    }

    private List<Beneficiary> Family(int familyIndex)
    {
        var insurer = insurers[familyIndex % insurers.Count];
        var contract = insurer.Contracts[_random.Next(insurer.Contracts.Count)].Code;
        var membership = MembershipNumber(insurer, familyIndex);
        var rights = Rights();
        var holderFemale = _random.Next(2) == 0;
        var familyName = Pick(DemoNames.LastNames);
        var holderBirth = BirthDate(minAge: 20, maxAge: 88);
        var holderNir = NewNir(holderFemale, holderBirth);
        var people = new List<(PersonName Name, DateOnly Birth, Nir Nir, Relationship Rel)>
        {
            (new PersonName(familyName, null, FirstName(holderFemale)), holderBirth, holderNir, Relationship.Holder),
        };

        var holderAge = Age(holderBirth);
        if (holderAge >= 22 && _random.NextDouble() < 0.55)
        {
            var spouseBirth = Clamp(holderBirth.AddDays(_random.Next(-2500, 2500)));
            var spouseFemale = !holderFemale || _random.NextDouble() < 0.05;
            // A married woman often uses her spouse's name and keeps her birth name beside it.
            var name = spouseFemale && _random.NextDouble() < 0.45
                ? new PersonName(familyName, Pick(DemoNames.LastNames), FirstName(true))
                : new PersonName(Pick(DemoNames.LastNames), null, FirstName(spouseFemale));
            people.Add((name, spouseBirth, NewNir(spouseFemale, spouseBirth), Relationship.Spouse));
        }

        if (holderAge is >= 24 and <= 62)
        {
            var children = _random.Next(0, 4);
            for (var c = 0; c < children; c++)
            {
                var maxAge = Math.Min(25, holderAge - 18);
                var birth = BirthDate(minAge: 0, maxAge: maxAge);
                var twins = _random.NextDouble() < 0.04;
                for (var t = 0; t < (twins ? 2 : 1); t++)
                {
                    var female = _random.Next(2) == 0;
                    // Under 16, children are usually covered under a parent's NIR.
                    var nir = Age(birth) < 16 && _random.NextDouble() < 0.7 ? holderNir : NewNir(female, birth);
                    people.Add((new PersonName(familyName, null, FirstName(female)), birth, nir, Relationship.Child));
                }
            }
        }

        if (_random.NextDouble() < 0.01)
        {
            var birth = BirthDate(minAge: 60, maxAge: 95);
            var female = _random.Next(2) == 0;
            people.Add((new PersonName(Pick(DemoNames.LastNames), null, FirstName(female)), birth, NewNir(female, birth), Relationship.Other));
        }

        // Birth rank tells apart people of one card born on the same day.
        var result = new List<Beneficiary>(people.Count);
        foreach (var p in people)
        {
            var rank = 1 + result.Count(b => b.BirthDate == p.Birth);
            result.Add(new Beneficiary(NewId(), insurer.Amc, membership, rank, p.Name, p.Birth, p.Nir, p.Rel, contract, rights));
        }

        return result;
    }

    private static string MembershipNumber(Insurer insurer, int familyIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"{insurer.Amc.Value[..2]}{familyIndex + 1_000_000:D8}");

    private DateRange Rights()
    {
        var roll = _random.NextDouble();
        var start = new DateOnly(today.Year - _random.Next(0, 6), 1, 1);
        return roll switch
        {
            < 0.06 => new DateRange(start.AddYears(-2), new DateOnly(today.Year - 1, 12, 31)), // expired
            < 0.09 => new DateRange(today.AddDays(_random.Next(15, 90)), null),                // future
            < 0.20 => new DateRange(start, new DateOnly(today.Year, 12, 31)),                  // closes at year end
            _ => new DateRange(start, null),
        };
    }

    private Nir NewNir(bool female, DateOnly birth)
    {
        var place = _random.NextDouble();
        string department, commune;
        if (place < 0.04)
        {
            department = _random.Next(2) == 0 ? "2A" : "2B";
            commune = Digits(3, 1, 366);
        }
        else if (place < 0.09)
        {
            department = Pick(["971", "972", "973", "974", "976"]);
            commune = Digits(2, 1, 34);
        }
        else if (place < 0.15)
        {
            department = "99";
            commune = Digits(3, 100, 500); // country code of the birth place
        }
        else
        {
            var d = _random.Next(1, 96);
            department = (d == 20 ? 21 : d).ToString("D2", CultureInfo.InvariantCulture);
            commune = Digits(3, 1, 900);
        }

        // Some people born abroad have incomplete civil records: month 20-42 instead of the real one.
        var month = department == "99" && _random.NextDouble() < 0.1 ? _random.Next(20, 43) : birth.Month;
        var body = string.Create(CultureInfo.InvariantCulture,
            $"{(female ? 2 : 1)}{birth.Year % 100:D2}{month:D2}{department}{commune}{Digits(3, 1, 999)}");
        return Nir.Parse(string.Create(CultureInfo.InvariantCulture, $"{body}{Nir.ComputeKey(body):D2}"));
    }

    private DateOnly BirthDate(int minAge, int maxAge)
    {
        var latest = today.AddYears(-minAge);
        var earliest = today.AddYears(-maxAge - 1).AddDays(1);
        return earliest.AddDays(_random.Next(0, latest.DayNumber - earliest.DayNumber + 1));
    }

    private DateOnly Clamp(DateOnly birth) => birth > today.AddYears(-18) ? today.AddYears(-18) : birth;

    private int Age(DateOnly birth) => today.Year - birth.Year - (birth.AddYears(today.Year - birth.Year) > today ? 1 : 0);

    private string FirstName(bool female) => Pick(female ? DemoNames.FemaleFirstNames : DemoNames.MaleFirstNames);

    private string Digits(int width, int min, int max) =>
        _random.Next(min, max + 1).ToString(new string('0', width), CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private BeneficiaryId NewId() => new(SeededGuid.Next(_random));
}
