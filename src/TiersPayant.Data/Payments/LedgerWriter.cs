using TiersPayant.Domain.Payments;

namespace TiersPayant.Data.Payments;

/// <summary>
/// Adds a journal entry to the caller's unit of work, so it commits (or not) with the change it
/// records. Entries come from <see cref="Postings"/>, balanced by construction.
/// </summary>
public static class LedgerWriter
{
    /// <summary>Adds <paramref name="entry"/> to <paramref name="db"/>; saved by the caller's next SaveChanges.</summary>
    public static JournalEntryRecord Post(
        TiersPayantDbContext db, JournalEntry entry, string reference, DateTime occurredAt,
        Guid? claim = null, Guid? payment = null, Guid? run = null, Guid? statement = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var record = new JournalEntryRecord
        {
            Id = Guid.CreateVersion7(), OccurredAt = occurredAt, Kind = entry.Kind, Reference = reference,
            ClaimId = claim, PaymentId = payment, RunId = run, StatementId = statement, TotalCents = entry.TotalCents,
        };
        foreach (var line in entry.Lines)
        {
            record.Lines.Add(new JournalLineRecord
            {
                Id = Guid.CreateVersion7(), EntryId = record.Id, Account = line.Account.Code, DebitCents = line.DebitCents, CreditCents = line.CreditCents,
            });
        }

        db.JournalEntries.Add(record);
        return record;
    }
}
