using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TiersPayant.Data;

/// <summary>
/// Inserts many rows of one entity type through a single prepared statement, in batches, inside
/// the caller's transaction. Tables, columns and value conversions come from the EF Core model,
/// so the statement follows the migrations on SQLite and PostgreSQL alike. For seeding and bulk
/// files, where tracking a million entities would cost minutes.
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

    public static async Task<int> InsertAsync<T>(this TiersPayantDbContext db, IEnumerable<T> rows, CancellationToken cancellation = default)
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
                var value = getter.GetClrValue(row);
                parameters[i].Value = (mapping.Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellation);
            count++;
        }

        return count;
    }
}
