using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.Members.MemberFiles;

namespace TiersPayant.Tests.Members;

public sealed class ImportMembersTests
{
    private const string Insurer = "775000012"; // Mutuelle des Tilleuls in the demo catalogue: ESSENTIEL, CONFORT

    private static async Task<TestDatabase> SeededAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seed = await database.RunAsync("seed", "--beneficiaries", "20");
        Assert.True(seed.ExitCode == 0, seed.Error);
        return database;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_rows_are_reported_by_line_and_field_and_good_rows_are_kept(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        var good = Family("F100");
        var lines = new List<string> { Header };
        lines.AddRange(good[..2]);                                                                          // lines 2, 3
        lines.Add(Row("F101", 1, "Martin", "", "Paul", "1975-02-03", WithBadKey(Nir(1, 1975, 2))));       // line 4: bad key
        lines.Add(Row("F102", 1, "Petit", "", "Anne", "1990-01-01", Nir(2, 1990, 1), contract: "OR"));     // line 5: unknown contract
        lines.Add(Row("F103", 1, "Roux", "", "Inès", "1991-05-05", Nir(2, 1991, 5), from: "2025-06-01", to: "2025-01-01")); // line 6: end before start
        lines.AddRange(good[2..]);                                                                          // lines 7, 8: twins
        lines.Add(good[3]);                                                                                 // line 9: duplicate of line 8
        lines.Add(Row("F104", 1, "Blanc", "", "Luc", "31/12/1970", Nir(1, 1970, 12), relationship: "cousin")); // line 10: two faults
        var file = Write(database.DataDirectory, lines);

        var result = await database.RunAsync("import", "members", file, "--insurer", Insurer);

        Assert.Equal(1, result.ExitCode);
        var reported = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "line 4: nir: bad key",
                "line 5: contract: is not one of this insurer's contract codes",
                "line 6: rights_to: ends before rights_from",
                "line 9: birth_rank: same person (membership number, birth date, birth rank) as line 8",
                "line 10: birth_date: must be a date YYYY-MM-DD",
                "line 10: relationship: must be holder, spouse, child or other",
            ], reported);
        Assert.Contains("4 added, 0 updated, 0 unchanged, 5 rejected", result.Output, StringComparison.Ordinal);
        var imported = (await database.RevealAllAsync()).Where(p => p.MembershipNumber == "F100").ToList();
        Assert.Equal(4, imported.Count);
        var twin = Assert.Single(imported, p => p.BirthRank == 2);
        Assert.Equal("Zoé", twin.Name.FirstName);
        Assert.Equal("CONFORT", twin.ContractCode);
        Assert.Equal("N'Diaye", Assert.Single(imported, p => p.Relationship == Domain.Members.Relationship.Spouse).Name.BirthName);
        Assert.DoesNotContain(Nir(1, 1975, 2)[..13], result.Error, StringComparison.Ordinal); // errors never echo a NIR
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task All_or_nothing_keeps_no_row_when_one_is_bad(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        var file = Write(database.DataDirectory, [Header, .. Family("F200"), Row("F201", 1, "Martin", "", "Paul", "1975-02-03", "123")]);

        var result = await database.RunAsync("import", "members", file, "--insurer", Insurer, "--all-or-nothing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 6: nir: must have 15 characters", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing imported", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(await database.RevealAllAsync(), p => p.MembershipNumber.StartsWith("F20", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Importing_the_same_file_twice_leaves_the_database_as_it_was(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        var file = Write(database.DataDirectory, [Header, .. Family("F300"), .. Family("F301")], bom: true);

        var first = await database.RunAsync("import", "members", file, "--insurer", Insurer);
        var before = await RowsAsync(database);
        var readByFirst = await DoorReadsAsync(database);
        var second = await database.RunAsync("import", "members", file, "--insurer", Insurer);
        var after = await RowsAsync(database);
        var readBySecond = await DoorReadsAsync(database);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("8 added", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 added, 0 updated, 8 unchanged, 0 rejected", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, after);
        // Comparing with the stored people read them: the door recorded each one, with the fields it decrypted.
        Assert.Empty(readByFirst);
        Assert.Equal(8, readBySecond.Count);
        Assert.Equal(8, readBySecond.Select(d => d.BeneficiaryId).Distinct().Count());
        Assert.All(readBySecond, d => Assert.Equal(("system", "member-import", "birthDate,firstName,lastName,memberNumber,nir", (Guid?)null),
            (d.ActorKind, d.Role, d.Fields, d.PracticeId)));
    }

    private static async Task<List<Data.Audit.DisclosureRecord>> DoorReadsAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        return await db.Disclosures.AsNoTracking().Where(d => d.Purpose == "member-import").ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_row_updates_the_same_person(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        var family = Family("F400");
        await database.RunAsync("import", "members", Write(database.DataDirectory, [Header, .. family]), "--insurer", Insurer);
        var zoeId = (await database.RevealAllAsync()).Single(p => p.MembershipNumber == "F400" && p.BirthRank == 2).Id;
        family[3] = family[3].Replace("Zoé", "Zoë", StringComparison.Ordinal).Replace(";2024-01-01;", ";2024-01-01;2026-12-31", StringComparison.Ordinal);

        var result = await database.RunAsync("import", "members", Write(database.DataDirectory, [Header, .. family], name: "v2.csv"), "--insurer", Insurer);

        Assert.Contains("0 added, 1 updated, 3 unchanged", result.Output, StringComparison.Ordinal);
        var zoe = (await database.RevealAllAsync()).Single(p => p.Id == zoeId);
        Assert.Equal("Zoë", zoe.Name.FirstName);
        Assert.Equal(new DateOnly(2026, 12, 31), zoe.Rights.To);
    }

    [Fact]
    public async Task Comma_separated_files_with_columns_in_another_order_are_read()
    {
        await using var database = await SeededAsync(DatabaseProvider.Sqlite);
        var nir = Nir(2, 1960, 3, "971");
        var file = Write(database.DataDirectory,
        [
            "nir,first_name,last_name,birth_name,birth_date,birth_rank,membership_number,relationship,contract,rights_from,rights_to",
            $"{nir},\"Marie-Thérèse\",\"D'Almeida\",,1960-03-15,1,F500,holder,ESSENTIEL,2023-01-01,",
        ]);

        var result = await database.RunAsync("import", "members", file, "--insurer", Insurer);

        Assert.True(result.ExitCode == 0, result.Error);
        var person = Assert.Single(await database.RevealAllAsync(), p => p.MembershipNumber == "F500");
        Assert.Equal("D'Almeida", person.Name.LastName);
        Assert.Equal(nir, person.Nir.Value);
        Assert.True(person.Nir.IsOverseas);
    }

    [Theory]
    [InlineData("membership_number;birth_rank;last_name;birth_name;first_name;birth_date;nir;relationship;contract;rights_from", "line 1: header: missing column 'rights_to'")]
    [InlineData(Header + ";email", "line 1: header: unknown column 'email'")]
    public async Task A_bad_header_imports_nothing(string header, string expected)
    {
        await using var database = await SeededAsync(DatabaseProvider.Sqlite);
        var file = Write(database.DataDirectory, [header, .. Family("F600")]);

        var result = await database.RunAsync("import", "members", file, "--insurer", Insurer);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(await database.RevealAllAsync(), p => p.MembershipNumber == "F600");
    }

    [Fact]
    public async Task Rows_that_are_not_proper_CSV_are_reported_by_line()
    {
        await using var database = await SeededAsync(DatabaseProvider.Sqlite);
        var family = Family("F700");
        var file = Write(database.DataDirectory, [Header, family[0], "F701;1;Martin", family[1], "F702;1;Ma\"rtin;;Paul;1975-02-03;" + Nir(1, 1975, 2) + ";holder;ESSENTIEL;2024-01-01;"]);

        var result = await database.RunAsync("import", "members", file, "--insurer", Insurer);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3: row: expected 11 fields, found 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: row: malformed CSV (stray quote)", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await database.RevealAllAsync()).Count(p => p.MembershipNumber == "F700"));
    }

    [Fact]
    public async Task An_unknown_insurer_or_a_missing_file_is_bad_usage()
    {
        await using var database = await SeededAsync(DatabaseProvider.Sqlite);
        var file = Write(database.DataDirectory, [Header, .. Family()]);

        var unknown = await database.RunAsync("import", "members", file, "--insurer", "999999999");
        var missing = await database.RunAsync("import", "members", Path.Combine(database.DataDirectory, "absent.csv"), "--insurer", Insurer);
        var noInsurer = await database.RunAsync("import", "members", file);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--insurer: no insurer has AMC number 999999999", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, noInsurer.ExitCode);
        Assert.Contains("--insurer", noInsurer.Error, StringComparison.Ordinal);
    }

    // Every stored column of every beneficiary, ciphertexts included: equal means untouched.
    private static async Task<List<string>> RowsAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        return [.. (await db.Beneficiaries.AsNoTracking().ToListAsync()).Select(b =>
            $"{b.Id}|{b.InsurerAmc}|{Convert.ToHexString(b.IdentityIndex)}|{Convert.ToHexString(b.MemberIndex)}|{Convert.ToHexString(b.NirIndex)}|" +
            $"{Convert.ToHexString(b.NirCipher)}|{Convert.ToHexString(b.IdentityCipher)}|{b.BirthRank}|{b.Relationship}|{b.ContractCode}|{b.RightsFrom}|{b.RightsTo}").Order(StringComparer.Ordinal)];
    }
}
