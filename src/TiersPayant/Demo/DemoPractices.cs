using System.Globalization;
using TiersPayant.Domain;
using TiersPayant.Domain.Practices;

namespace TiersPayant.Demo;

/// <summary>Synthetic practices of every profession, with billing numbers (and FINESS for establishments).</summary>
internal static class DemoPractices
{
    private static readonly Dictionary<Profession, string[]> Names = new()
    {
        [Profession.Pharmacien] = ["Pharmacie du Marché", "Pharmacie de la Gare", "Pharmacie des Arcades", "Grande Pharmacie Centrale"],
        [Profession.Opticien] = ["Optique Lumière", "Les Lunettes de Jeanne", "Optique du Parc", "Vision Plus"],
        [Profession.Audioprothesiste] = ["Audition Conseil", "Centre Auditif des Halles", "L'Oreille d'Or", "Audio Santé"],
        [Profession.ChirurgienDentiste] = ["Cabinet dentaire des Lilas", "Centre dentaire Pasteur", "Cabinet du Dr Moreau", "Sourire Santé"],
        [Profession.Medecin] = ["Cabinet médical Saint-Exupéry", "Maison de santé des Tilleuls", "Cabinet du Dr Nguyen", "Médecins du Port"],
        [Profession.Laboratoire] = ["Laboratoire Bio Sud", "Biolab Centre", "Laboratoire d'analyses Pasteur", "Bio Océan"],
        [Profession.Auxiliaire] = ["Cabinet infirmier Florence", "Kinésithérapie du Lac", "Ambulances Lefèvre", "Orthophonie Les Mots"],
        [Profession.Etablissement] = ["Centre hospitalier Émile-Roux", "Clinique Sainte-Anne", "Hôpital privé du Parc", "Clinique des Cèdres"],
    };

    /// <summary><paramref name="count"/> practices, professions in turn so every one is present from 8 on.</summary>
    public static IReadOnlyList<Practice> Generate(int seed, int count)
    {
        var random = new Random(unchecked(seed * 31) + 7);
        var practices = new List<Practice>(count);
        for (var i = 0; i < count; i++)
        {
            var profession = Professions.All[i % Professions.All.Count];
            var (city, department) = DemoNames.Cities[random.Next(DemoNames.Cities.Length)];
            var round = i / Professions.All.Count;
            var names = Names[profession];
            var name = round < names.Length ? names[round] : $"{names[round % names.Length]} {round / names.Length + 1}";
            var deptDigits = department is "2A" or "2B" ? "20" : department[..2];
            // Billing number: département, profession category, a sequence, a Luhn check digit.
            var billingBody = string.Create(CultureInfo.InvariantCulture, $"{deptDigits}{(int)profession}{i + 10_000:D5}");
            var billing = billingBody + Luhn.CheckDigit(billingBody).ToString(CultureInfo.InvariantCulture);
            string? finess = null;
            if (profession == Profession.Etablissement)
            {
                var finessBody = string.Create(CultureInfo.InvariantCulture, $"{deptDigits}{i + 100_000:D6}");
                finess = finessBody + Luhn.CheckDigit(finessBody).ToString(CultureInfo.InvariantCulture);
            }

            practices.Add(Practice.Create(new PracticeId(SeededGuid.Next(random)), profession, name, city, billing, finess));
        }

        return practices;
    }
}
