using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace TiersPayant.Data;

/// <summary>
/// Inserts many rows of one entity type through a single prepared statement, in batches, inside
/// the caller's transaction (on PostgreSQL, one binary <c>COPY … FROM STDIN</c> streamed in
/// chunks instead). Tables, columns and value conversions come from the EF Core model, so the
/// rows follow the migrations on SQLite and PostgreSQL alike and hold exactly what EF Core would
/// write. For seeding and bulk files, where tracking a million entities would cost minutes.
/// </summary>
public static class BulkInsert
{
    /// <summary>SQLite keeps index pages of a million-row insert in memory instead of spilling them (this connection only).</summary>
    public static async Task TuneForBulkAsync(this TiersPayantDbContext db, CancellationToken cancellation = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", cancellation);
        }
    }

    /// <summary>How many rows between two progress reports.</summary>
    public const int ProgressEvery = 100_000;

    public static async Task<int> InsertAsync<T>(
        this TiersPayantDbContext db, IEnumerable<T> rows, CancellationToken cancellation = default, IProgress<int>? progress = null)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select((p, i) => (Property: p, Getter: p.GetGetter(), Column: p.GetColumnName(table)!, Parameter: $"p{i}", Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToArray();

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside a transaction.");
        if (connection is NpgsqlConnection postgres)
        {
            return await CopyAsync(postgres, $"{sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))})",
                columns.Select(c => (Func<T, object?>)(row => Provider(c.Getter.GetClrValue(row), c.Mapping))).ToArray(), rows, progress, cancellation);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => sql.GenerateParameterNamePlaceholder(c.Parameter)))})";

        // Parameters are made once by the EF type mappings (store types, provider settings) and
        // then only their values change: the statement is prepared once for the whole run.
        var parameters = columns.Select(c =>
        {
            var parameter = c.Mapping.CreateParameter(command, c.Parameter, null, c.Property.IsNullable);
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellation);

        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var (_, getter, _, _, mapping) = columns[i];
                parameters[i].Value = Provider(getter.GetClrValue(row), mapping) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellation);
            if (++count % ProgressEvery == 0)
            {
                progress?.Report(count);
            }
        }

        return count;
    }

    private static object? Provider(object? value, RelationalTypeMapping mapping) =>
        mapping.Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value;

    // Binary COPY: the rows stream to the server as they are produced (Npgsql flushes its buffer
    // as it fills), so memory stays flat whatever the count; one statement, all rows or none.
    private static async Task<int> CopyAsync<T>(
        NpgsqlConnection connection, string target, Func<T, object?>[] values, IEnumerable<T> rows, IProgress<int>? progress, CancellationToken cancellation)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellation);
        // The server may still be inserting index entries for rows sent minutes ago when the last
        // one goes out: the command timeout (30 s) must not cut the completion of a large COPY.
        import.Timeout = TimeSpan.FromHours(1);
        var count = 0;
        foreach (var row in rows)
        {
            await import.StartRowAsync(cancellation);
            foreach (var value in values)
            {
                if (value(row) is { } provider)
                {
                    // The column's type follows from the value's CLR type (uuid, bytea, text, date, integer…).
                    await import.WriteAsync(provider, cancellation);
                }
                else
                {
                    await import.WriteNullAsync(cancellation);
                }
            }

            if (++count % ProgressEvery == 0)
            {
                progress?.Report(count);
            }
        }

        await import.CompleteAsync(cancellation);
        return count;
    }
}
