namespace TiersPayant.Data.Audit;

/// <summary>
/// The head of the disclosure log's Merkle tree (a single row, id 1): how many records it holds
/// (the next record's position) and below which position records were purged at the end of
/// their retention. Every append updates it in its transaction, which serialises appends on
/// every node.
/// </summary>
internal sealed class AuditHeadRecord
{
    public int Id { get; set; }

    /// <summary>Records appended so far: the tree size, and the next record's <see cref="DisclosureRecord.Seq"/>.</summary>
    public long Size { get; set; }

    /// <summary>Records below this position were purged; the tree above them stands on <see cref="AuditSubtreeRecord"/> hashes.</summary>
    public long PurgedBelow { get; set; }
}

/// <summary>
/// The hash of a full subtree of 256^<see cref="Level"/> leaves (height 8·level), the
/// <see cref="Index"/>-th of its level: the entries of the C2SP tlog-tiles hash tiles above
/// level 0 (level-0 entries are the records' leaf hashes). Written by the checkpointer once the
/// records below are in; never changed.
/// </summary>
internal sealed class AuditSubtreeRecord
{
    public int Level { get; set; }

    public long Index { get; set; }

    public required byte[] Hash { get; set; }
}

/// <summary>A signed checkpoint: the tree of the first <see cref="Size"/> records, its root, and the C2SP signed note.</summary>
internal sealed class AuditCheckpointRecord
{
    public long Size { get; set; }

    public required byte[] Root { get; set; }

    /// <summary>The C2SP signed note (origin, size, base64 root, then the Ed25519 signature line).</summary>
    public required string Note { get; set; }

    /// <summary>UTC.</summary>
    public DateTime SignedAt { get; set; }
}

/// <summary>
/// A personal-data breach as the DPO recorded it: when (the 72 hours of GDPR article 33 run from
/// then), by whom, its nature, the measures, the contact point, and the scope's criteria (JSON:
/// accounts, clients, practices, addresses, from, to) the notifications are drafted from.
/// </summary>
internal sealed class BreachRecord
{
    public Guid Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    public required string Nature { get; set; }

    public required string Measures { get; set; }

    public required string Contact { get; set; }

    public required string Criteria { get; set; }
}
