namespace TiersPayant.Demo;

/// <summary>French names for synthetic people: frequent surnames, accents, compounds, particles, apostrophes.</summary>
internal static class DemoNames
{
    public static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
        "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
        "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
        "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
        "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Pérez", "Marchand",
        "Dufour", "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
        "Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal",
        "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis",
        "Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis", "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume",
        "Adam", "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte", "Ménard", "Fleury", "Deschamps", "Carpentier",
        "Julien", "Benoît", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet", "Collet",
        "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Carré", "Rémy",
        "Schneider", "Perrot", "Guyot", "Barré", "Marty", "Cousin", "N'Diaye", "D'Almeida", "Saint-Martin", "Le Goff",
        "Lévêque", "Bouvier", "Hoarau", "Payet", "Grondin", "Casanova", "Santoni", "Paoli", "Étienne", "Célestine",
        "Traoré", "Diallo", "Benali", "Haddad", "Østergaard", "Kowalski", "De La Fontaine", "Le Bihan", "Kerbrat", "Œhlenschläger",
    ];

    public static readonly string[] FemaleFirstNames =
    [
        "Léa", "Chloé", "Inès", "Zoé", "Anaïs", "Hélène", "Éloïse", "Maëlle", "Jade", "Louise",
        "Emma", "Camille", "Manon", "Sarah", "Juliette", "Noémie", "Océane", "Agathe", "Célia", "Marie-Claire",
        "Anne-Sophie", "Léa-Marie", "Françoise", "Geneviève", "Béatrice", "Adèle", "Margaux", "Clémence", "Aurélie", "Nathalie",
        "Isabelle", "Sylvie", "Valérie", "Sandrine", "Céline", "Laëtitia", "Mélanie", "Amélie", "Salomé", "Ambre",
        "Léonie", "Romane", "Lou", "Alice", "Rose", "Anna", "Mila", "Josée", "Marie-Thérèse", "Ghislaine",
    ];

    public static readonly string[] MaleFirstNames =
    [
        "Lucas", "Hugo", "Théo", "Nathan", "Enzo", "Louis", "Raphaël", "Jules", "Gabriel", "Arthur",
        "Noé", "Timothée", "Mathéo", "Jérôme", "François", "Hervé", "Stéphane", "Benoît", "Loïc", "Gaël",
        "Jean-Pierre", "Jean-Baptiste", "Pierre-Yves", "Marc-Antoine", "Joël", "Maël", "Anaël", "Côme", "Thierry", "Philippe",
        "Éric", "Frédéric", "Sébastien", "Nicolas", "Julien", "Olivier", "Christophe", "Patrick", "Michel", "Alain",
        "Bernard", "René", "Aurélien", "Grégoire", "Baptiste", "Léo", "Tom", "Sacha", "Jean-Noël", "Yannick",
    ];

    public static readonly (string City, string Department)[] Cities =
    [
        ("Paris", "75"), ("Lyon", "69"), ("Marseille", "13"), ("Bordeaux", "33"), ("Lille", "59"),
        ("Toulouse", "31"), ("Nantes", "44"), ("Strasbourg", "67"), ("Rennes", "35"), ("Montpellier", "34"),
        ("Ajaccio", "2A"), ("Bastia", "2B"), ("Saint-Denis", "974"), ("Pointe-à-Pitre", "971"), ("Brest", "29"),
        ("Clermont-Ferrand", "63"), ("Besançon", "25"), ("Limoges", "87"), ("Annecy", "74"), ("Nîmes", "30"),
    ];
}
