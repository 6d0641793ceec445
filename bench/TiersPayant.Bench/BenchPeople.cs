using System.Globalization;

namespace TiersPayant.Bench;

/// <summary>
/// Synthetic people the benchmarks import through <c>tiers import members</c> so that they know
/// what is on each card: one holder per card, insurer 775000012, contract ESSENTIEL, rights open
/// since 2024, valid NIRs. Deterministic, so every run asks for the same people.
/// </summary>
internal static class BenchPeople
{
    public const string Insurer = "775000012";

    public const string Header = "membership_number;birth_rank;last_name;birth_name;first_name;birth_date;nir;relationship;contract;rights_from;rights_to";

    public static List<BenchPerson> Create(int count)
    {
        var random = new Random(17);
        var people = new List<BenchPerson>(count);
        for (var i = 0; i < count; i++)
        {
            var birth = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 365 * 68));
            var body = string.Create(CultureInfo.InvariantCulture, $"{1 + (i % 2)}{birth.Year % 100:D2}{birth.Month:D2}75{1 + (i / 998 % 990):D3}{1 + (i % 998):D3}");
            people.Add(new BenchPerson(string.Create(CultureInfo.InvariantCulture, $"B{10_000_000 + (i * 37):D8}"), "Bench", "Personne", birth,
                string.Create(CultureInfo.InvariantCulture, $"{body}{Domain.Identity.Nir.ComputeKey(body):D2}")));
        }

        return people;
    }

    /// <summary>The member file's lines: the header, then one row a person.</summary>
    public static IEnumerable<string> Rows(IEnumerable<BenchPerson> people) => [Header, .. people.Select(p => p.Row)];
}

internal sealed record BenchPerson(string MemberNumber, string LastName, string FirstName, DateOnly BirthDate, string Nir)
{
    public string Row => string.Join(';', MemberNumber, "1", LastName, "", FirstName, BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Nir, "holder", "ESSENTIEL", "2024-01-01", "");

    public object Card => new { insurer = BenchPeople.Insurer, memberNumber = MemberNumber };

    public object Beneficiary => new { lastName = LastName, firstName = FirstName, birthDate = BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    /// <summary>The rights check's body for this person's card, pharmacy.</summary>
    public object Body => new { card = Card, beneficiary = Beneficiary, domains = new[] { "pharmacie" } };
}
