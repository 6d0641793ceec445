using System.Buffers;
using System.Globalization;
using System.Text.Json;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Protection;

namespace TiersPayant.Security.Audit;

/// <summary>
/// The log entry of a disclosure record: the bytes whose RFC 6962 leaf hash is the record's leaf,
/// and what the C2SP entry bundles publish. One JSON object with its members always in the same
/// order, written the same way from the same columns (so verification rebuilds it from the stored
/// record): version, position, record id, time to the microsecond, who (actor kind, account,
/// client, practice, role, session, source address), whom as a pseudonym keyed per insurer (never
/// a name, a NIR or a card number), the insurer, the fields, why, the channel and the business
/// reference.
/// </summary>
internal static class DisclosureEntries
{
    /// <summary>The entry format's version.</summary>
    public const int Version = 1;

    private static readonly JsonWriterOptions Compact = new() { Indented = false, SkipValidation = true };

    /// <summary>The entry of <paramref name="record"/> at its position.</summary>
    public static byte[] Encode(DisclosureRecord record, BeneficiaryProtector protector)
    {
        var buffer = new ArrayBufferWriter<byte>(448);
        using (var w = new Utf8JsonWriter(buffer, Compact))
        {
            w.WriteStartObject();
            w.WriteNumber("v", Version);
            w.WriteNumber("n", record.Seq);
            w.WriteString("id", record.Id.ToString("D"));
            w.WriteString("at", Time(record.OccurredAt));
            w.WriteString("actor", record.ActorKind);
            WriteOrNull(w, "account", record.AccountId?.ToString("D"));
            WriteOrNull(w, "client", record.ClientId);
            WriteOrNull(w, "practice", record.PracticeId?.ToString("D"));
            WriteOrNull(w, "role", record.Role);
            WriteOrNull(w, "session", record.SessionId?.ToString("D"));
            w.WriteString("source", record.SourceAddress);
            w.WriteString("person", protector.AuditPseudonym(record.InsurerAmc, record.BeneficiaryId));
            w.WriteString("insurer", record.InsurerAmc);
            w.WriteString("fields", record.Fields);
            w.WriteString("purpose", record.Purpose);
            w.WriteString("channel", record.Channel);
            w.WriteString("reference", record.Reference);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A time as the log keeps it: UTC to the microsecond, the precision both databases store.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
