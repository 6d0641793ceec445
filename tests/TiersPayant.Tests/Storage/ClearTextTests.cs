using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Storage;

public sealed class ClearTextTests
{

    [Fact]
    public async Task The_database_file_contains_no_NIR_membership_number_or_name_in_clear()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "2000")).ExitCode);
        var people = await database.RevealAllAsync();
        // Practice names and professionals' names are not beneficiaries' data and may share a
        // surname or first name with one ("Cabinet du Dr Moreau").
        string publicText;
        await using (var db = database.OpenContext())
        {
            publicText = string.Join('|', (await db.Practices.Select(p => p.Name).ToListAsync(TestContext.Current.CancellationToken))
                .Concat(await db.Users.Select(u => u.DisplayName).ToListAsync(TestContext.Current.CancellationToken)));
        }

        SqliteConnection.ClearAllPools(); // closing the last connection checkpoints the WAL into the file

        var bytes = Directory.GetFiles(database.DataDirectory, "tierspayant.db*").SelectMany(File.ReadAllBytes).ToArray();
        var text = Encoding.Latin1.GetString(bytes); // byte-for-byte, so UTF-8 sequences survive as they are

        Assert.True(bytes.Length > 100_000);
        Assert.Contains("beneficiaries", text, StringComparison.Ordinal); // the scan reads the real file
        var namesChecked = 0;
        foreach (var person in people)
        {
            Assert.DoesNotContain(person.Nir.Value, text, StringComparison.Ordinal);
            Assert.DoesNotContain(person.MembershipNumber, text, StringComparison.Ordinal);
            foreach (var name in new[] { person.Name.FirstName, person.Name.LastName, person.Name.BirthName })
            {
                // Names of six bytes or more: a shorter string turns up by chance in megabytes of ciphertext.
                var utf8 = Encoding.UTF8.GetBytes(name ?? string.Empty);
                if (utf8.Length >= 6 && !publicText.Contains(name!, StringComparison.Ordinal))
                {
                    Assert.DoesNotContain(Encoding.Latin1.GetString(utf8), text, StringComparison.Ordinal);
                    namesChecked++;
                }
            }
        }

        Assert.True(namesChecked > people.Count, "most people have a name long enough to be looked for");
    }
}
