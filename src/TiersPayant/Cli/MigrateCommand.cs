using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;

namespace TiersPayant.Cli;

/// <summary><c>tiers migrate</c>: applies the migrations of the configured database.</summary>
internal static class MigrateCommand
{
    public static Command Create(TextWriter output)
    {
        var data = CommonOptions.Data();
        var command = new Command("migrate", "Applies the pending migrations of the configured database (SQLite by default, PostgreSQL with Database__Provider=Postgres and ConnectionStrings__Default).") { data };
        command.SetAction(async (parse, cancellation) =>
        {
            using var host = CliHost.Build(parse.GetValue(data)!);
            await using var scope = host.Services.CreateAsyncScope();
            await using var db = scope.ServiceProvider.MigrationContext();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellation)).ToList();
            await db.Database.MigrateAsync(cancellation);
            await output.WriteLineAsync(pending.Count == 0
                ? "migrate: the database is up to date"
                : $"migrate: applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        });
        return command;
    }
}
