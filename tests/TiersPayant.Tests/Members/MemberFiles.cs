using System.Globalization;
using System.Text;

namespace TiersPayant.Tests.Members;

/// <summary>Builds member files the way an insurer's system would write them.</summary>
internal static class MemberFiles
{
    public const string Header = "membership_number;birth_rank;last_name;birth_name;first_name;birth_date;nir;relationship;contract;rights_from;rights_to";

    /// <summary>A valid NIR for someone born in <paramref name="year"/>/<paramref name="month"/>.</summary>
    public static string Nir(int sex, int year, int month, string department = "75", int order = 1)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{sex}{year % 100:D2}{month:D2}{department}{(department.Length == 3 ? "01" : "056")}{order:D3}");
        return string.Create(CultureInfo.InvariantCulture, $"{body}{TiersPayant.Domain.Identity.Nir.ComputeKey(body):D2}");
    }

    public static string Row(string membership, int rank, string last, string birthName, string first, string birth, string nir,
        string relationship = "holder", string contract = "ESSENTIEL", string from = "2024-01-01", string to = "") =>
        string.Join(';', membership, rank.ToString(CultureInfo.InvariantCulture), last, birthName, first, birth, nir, relationship, contract, from, to);

    /// <summary>A family: holder, spouse with a birth name, and twins covered under the holder's NIR.</summary>
    public static string[] Family(string membership = "M0001")
    {
        var holderNir = Nir(1, 1980, 4);
        return
        [
            Row(membership, 1, "Lefèvre", "", "Jean-Noël", "1980-04-12", holderNir),
            Row(membership, 1, "Lefèvre", "N'Diaye", "Aïssatou", "1982-09-30", Nir(2, 1982, 9, "2A", 2), "spouse"),
            Row(membership, 1, "Lefèvre", "", "Léa-Marie", "2019-06-01", holderNir, "child", "CONFORT"),
            Row(membership, 2, "Lefèvre", "", "Zoé", "2019-06-01", holderNir, "child", "CONFORT"),
        ];
    }

    public static byte[] Utf8(IEnumerable<string> lines, bool bom = false) =>
        [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")];

    public static string Write(string folder, IEnumerable<string> lines, bool bom = false, string name = "members.csv")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, Utf8(lines, bom));
        return path;
    }

    /// <summary>A NIR with its key changed.</summary>
    public static string WithBadKey(string nir) => nir[..13] + (nir[13..] == "01" ? "02" : "01");
}
