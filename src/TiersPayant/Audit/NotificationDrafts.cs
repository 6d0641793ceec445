using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using TiersPayant.Security.Audit;
using TiersPayant.Web.Localization;

namespace TiersPayant.Audit;

/// <summary>
/// The drafts a breach calls for, in French, from its facts: (a) the notification to the
/// supervisory authority with the contents of GDPR article 33(3); (b) each insurer's notice, as
/// processor to controller (article 33(2)), with its own members only; (c) the letters to the
/// persons concerned (article 34), clear and plain, as one CSV for mail merge and one PDF each.
/// Drafts: the DPO reviews, completes and sends them.
/// </summary>
internal static class NotificationDrafts
{
    /// <summary>The file of the authority's notification.</summary>
    public const string AuthorityFile = "notification-autorite-art33.txt";

    /// <summary>The mail-merge file of the letters.</summary>
    public const string LettersFile = "courriers-art34.csv";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Every draft, by path below the output folder.</summary>
    public static IEnumerable<(string Path, byte[] Content)> All(BreachFacts facts)
    {
        yield return (AuthorityFile, Encoding.UTF8.GetBytes(Authority(facts)));
        foreach (var insurer in facts.Scope.ByInsurer.Keys)
        {
            yield return ($"assureurs/{insurer}.txt", Encoding.UTF8.GetBytes(Insurer(facts, insurer)));
        }

        yield return (LettersFile, LettersCsv(facts));
        foreach (var letter in facts.Letters)
        {
            yield return ($"courriers/{letter.Exposure.BeneficiaryId}.pdf", LetterPdf(facts, letter));
        }
    }

    /// <summary>Writes every draft under <paramref name="folder"/>; returns how many files.</summary>
    public static async Task<int> WriteAsync(BreachFacts facts, string folder, CancellationToken cancellation)
    {
        var count = 0;
        foreach (var (path, content) in All(facts))
        {
            var full = Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, content, cancellation);
            count++;
        }

        return count;
    }

    /// <summary>Every draft in one ZIP archive.</summary>
    public static byte[] Zip(BreachFacts facts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in All(facts))
            {
                using var entry = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>(a) The notification to the supervisory authority (CNIL), article 33(3).</summary>
    public static string Authority(BreachFacts facts)
    {
        var (breach, scope) = (facts.Breach, facts.Scope);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Notification d'une violation de données à caractère personnel (RGPD, article 33)");
        text.AppendLine(CultureInfo.InvariantCulture, $"Référence : {breach.Id}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Violation constatée et enregistrée le {Paris(breach.RecordedAt)} ; à notifier au plus tard le {Paris(breach.NotifyBy)}.");
        text.AppendLine();
        text.AppendLine("1. Nature de la violation (article 33.3.a)");
        text.AppendLine(breach.Nature);
        text.AppendLine(CultureInfo.InvariantCulture, $"Période concernée : du {Paris(breach.Query.From)} au {Paris(breach.Query.To)}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Catégories de personnes concernées : assurés et ayants droit d'organismes complémentaires d'assurance maladie dont le tiers payant est délégué à la plateforme.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Nombre de personnes concernées : {scope.People.ToString("N0", French)} (nombre exact, établi à partir du journal des accès signé de la plateforme).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Nombre d'enregistrements concernés : {scope.Disclosures.ToString("N0", French)} communications de données.");
        text.AppendLine("Catégories de données concernées :");
        foreach (var (field, people) in scope.ByField.Where(f => f.Value > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {FieldLabel(field)} : {people.ToString("N0", French)} personnes");
        }

        text.AppendLine("Organismes complémentaires (responsables du traitement) concernés :");
        foreach (var (insurer, people) in scope.ByInsurer)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {facts.InsurerNames.GetValueOrDefault(insurer, insurer)} ({insurer}) : {people.ToString("N0", French)} personnes");
        }

        text.AppendLine();
        text.AppendLine("2. Point de contact (article 33.3.b)");
        text.AppendLine(breach.Contact);
        text.AppendLine();
        text.AppendLine("3. Conséquences probables (article 33.3.c)");
        text.AppendLine(Consequences(scope.ByField));
        text.AppendLine();
        text.AppendLine("4. Mesures prises et proposées (article 33.3.d)");
        text.AppendLine(breach.Measures);
        text.AppendLine("Les organismes complémentaires concernés sont informés sans délai de la violation touchant leurs adhérents (article 33.2) ; "
            + "les personnes concernées reçoivent un courrier (article 34) dont le modèle est joint.");
        return text.ToString();
    }

    /// <summary>(b) One insurer's notice, with its own members only.</summary>
    public static string Insurer(BreachFacts facts, string insurer)
    {
        var (breach, scope) = (facts.Breach, facts.Scope);
        var own = facts.Letters.Where(l => l.Exposure.Insurer == insurer).ToList();
        var name = facts.InsurerNames.GetValueOrDefault(insurer, insurer);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"À l'attention de {name} ({insurer}), responsable du traitement");
        text.AppendLine(CultureInfo.InvariantCulture, $"Objet : violation de données à caractère personnel touchant vos adhérents (RGPD, article 33.2) — référence {breach.Id}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"En qualité de sous-traitant du tiers payant, nous vous informons d'une violation constatée le {Paris(breach.RecordedAt)}.");
        text.AppendLine(breach.Nature);
        text.AppendLine(CultureInfo.InvariantCulture, $"Période : du {Paris(breach.Query.From)} au {Paris(breach.Query.To)}. Vos adhérents concernés : {own.Count.ToString("N0", French)} (nombre exact).");
        text.AppendLine("Données concernées :");
        foreach (var field in BreachScope.Fields)
        {
            var count = own.Count(l => l.Exposure.Fields.Contains(field));
            if (count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {FieldLabel(field)} : {count.ToString("N0", French)} personnes");
            }
        }

        text.AppendLine();
        text.AppendLine("Conséquences probables : " + Consequences(scope.ByField));
        text.AppendLine("Mesures prises : " + breach.Measures);
        text.AppendLine("Contact : " + breach.Contact);
        text.AppendLine();
        text.AppendLine("Adhérents concernés (numéro d'adhérent ; nom ; prénom ; données ; première et dernière communication) :");
        foreach (var letter in own.OrderBy(l => l.MembershipNumber, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {letter.MembershipNumber} ; {letter.LastName} ; {letter.FirstName} ; {string.Join(", ", letter.Exposure.Fields.Select(FieldLabel))} ; {Paris(letter.Exposure.First)} ; {Paris(letter.Exposure.Last)}");
        }

        return text.ToString();
    }

    /// <summary>(c) The letters for mail merge: one row per person.</summary>
    public static byte[] LettersCsv(BreachFacts facts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var header in new[] { "reference", "organisme", "numero_adherent", "nom", "prenom", "donnees", "premiere_communication", "derniere_communication", "texte" })
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var letter in facts.Letters)
            {
                csv.WriteField(facts.Breach.Id.ToString());
                csv.WriteField(letter.InsurerName);
                csv.WriteField(letter.MembershipNumber);
                csv.WriteField(letter.LastName);
                csv.WriteField(letter.FirstName);
                csv.WriteField(string.Join(", ", letter.Exposure.Fields.Select(FieldLabel)));
                csv.WriteField(Paris(letter.Exposure.First));
                csv.WriteField(Paris(letter.Exposure.Last));
                csv.WriteField(LetterBody(facts, letter));
                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The text of one person's letter.</summary>
    public static string LetterBody(BreachFacts facts, BreachLetter letter) =>
        $"""
        Madame, Monsieur {letter.FirstName} {letter.LastName},

        Votre organisme complémentaire, {letter.InsurerName}, confie le tiers payant de vos soins à notre plateforme. Nous vous informons qu'entre le {Paris(letter.Exposure.First)} et le {Paris(letter.Exposure.Last)}, une personne non autorisée a pu consulter des informations vous concernant (adhérent n° {letter.MembershipNumber}) : {string.Join(", ", letter.Exposure.Fields.Select(FieldLabel))}.

        Ce qui s'est passé : {facts.Breach.Nature}

        Ce que cela peut entraîner : {Consequences(facts.Scope.ByField)}

        Ce que nous avons fait : {facts.Breach.Measures}

        Ce que nous vous conseillons : méfiez-vous des appels, courriels ou SMS qui se réclament de votre mutuelle ou de l'Assurance maladie et vous demandent des informations personnelles, des codes ou un paiement ; ne communiquez jamais vos coordonnées bancaires ni vos mots de passe ; en cas de doute, appelez votre organisme au numéro figurant sur votre carte. Vos droits et vos remboursements ne sont pas modifiés.

        Pour toute question : {facts.Breach.Contact}. Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).

        Référence : {facts.Breach.Id}
        """;

    /// <summary>One person's letter as a PDF (A4, DejaVu Sans embedded).</summary>
    public static byte[] LetterPdf(BreachFacts facts, BreachLetter letter)
    {
        LetterFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = "Information sur une violation de données vous concernant";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var margin = XUnit.FromMillimeter(20).Point;
            var width = page.Width.Point - (2 * margin);
            graphics.DrawString(letter.InsurerName, new XFont(LetterFonts.Family, 10, XFontStyleEx.Regular), XBrushes.Black, new XPoint(margin, margin));
            graphics.DrawString($"{letter.FirstName} {letter.LastName}", new XFont(LetterFonts.Family, 11, XFontStyleEx.Regular), XBrushes.Black, new XPoint(page.Width.Point / 2, margin + 40));
            graphics.DrawString("Information sur une violation de données vous concernant", new XFont(LetterFonts.Family, 13, XFontStyleEx.Bold), XBrushes.Black, new XPoint(margin, margin + 110));
            new XTextFormatter(graphics).DrawString(LetterBody(facts, letter), new XFont(LetterFonts.Family, 10, XFontStyleEx.Regular), XBrushes.Black,
                new XRect(margin, margin + 130, width, page.Height.Point - margin - 150), XStringFormats.TopLeft);
        }

        using var buffer = new MemoryStream();
        document.Save(buffer);
        return buffer.ToArray();
    }

    /// <summary>The likely consequences, from the fields exposed.</summary>
    public static string Consequences(IReadOnlyDictionary<string, int> byField)
    {
        bool Has(string field) => byField.TryGetValue(field, out var count) && count > 0;
        var identity = Has(DisclosedFields.LastName) || Has(DisclosedFields.FirstName) || Has(DisclosedFields.MemberNumber) || Has(DisclosedFields.BirthDate);
        var parts = new List<string>();
        if (identity)
        {
            parts.Add("hameçonnage ciblé (appels, courriels ou SMS se réclamant de l'organisme complémentaire ou de l'Assurance maladie), tentatives d'usurpation d'identité auprès des organismes de santé");
        }

        if (Has(DisclosedFields.Rights))
        {
            parts.Add("connaissance de l'organisme complémentaire de la personne et de ses garanties, qui rend ces sollicitations plus crédibles");
        }

        if (Has(DisclosedFields.Care))
        {
            parts.Add("révélation d'informations relatives aux soins (montants et actes), données de santé");
        }

        if (Has(DisclosedFields.Nir))
        {
            parts.Add("usage frauduleux du numéro de sécurité sociale");
        }

        return parts.Count == 0 ? "risque faible : aucune donnée d'identification n'a été communiquée." : string.Join(" ; ", parts) + ".";
    }

    private static string FieldLabel(string field) => field switch
    {
        DisclosedFields.LastName => "nom",
        DisclosedFields.FirstName => "prénom",
        DisclosedFields.BirthDate => "date de naissance",
        DisclosedFields.MemberNumber => "numéro d'adhérent",
        DisclosedFields.Nir => "numéro de sécurité sociale (NIR)",
        DisclosedFields.Rights => "organisme complémentaire et droits (garanties, périodes)",
        DisclosedFields.Care => "soins (actes et montants)",
        _ => field,
    };

    private static string Paris(DateTimeOffset at) => ParisTime.Of(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
