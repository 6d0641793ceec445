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
    public static async Task<int> InsertAsync<T>(this TiersPayantDbContext db, IEnumerable<T> rows, CancellationToken cancellation = default)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select((p, i) => (Property: p, Column: p.GetColumnName(table)!, Parameter: $"p{i}", Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToArray();

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside a transaction.");
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => sql.GenerateParameterNamePlaceholder(c.Parameter)))})";

        var count = 0;
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            foreach (var (property, _, parameter, mapping) in columns)
            {
                var value = property.GetGetter().GetClrValue(row);
                command.Parameters.Add(mapping.CreateParameter(command, parameter, value, property.IsNullable));
            }

            if (count == 0)
            {
                await command.PrepareAsync(cancellation);
            }

            await command.ExecuteNonQueryAsync(cancellation);
            count++;
        }

        return count;
    }
}
