using System.Diagnostics.Metrics;

namespace TiersPayant.Security.Audit;

/// <summary>
/// The disclosure log's throughput and lag, for alerting: records appended (and each group
/// commit's wait), checkpoints signed (and how long signing took), and, as gauges, how many
/// appended records no signed checkpoint covers yet and how old the newest checkpoint is. The
/// gauges read what this node last saw (its own commits, its own checkpoint rounds), never the
/// database, so a scrape costs nothing. No tag at all: nothing here names a reader or a person.
/// </summary>
public sealed class AuditMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "TiersPayant.Audit";

    /// <summary>Counter of records appended (committed) to the log.</summary>
    public const string AppendedName = "tierspayant.audit.appended";

    /// <summary>Gauge of records appended that no signed checkpoint covers yet.</summary>
    public const string UnsignedName = "tierspayant.audit.unsigned_records";

    /// <summary>Gauge of the newest signed checkpoint's age, in seconds.</summary>
    public const string CheckpointAgeName = "tierspayant.audit.checkpoint_age";

    private readonly Counter<long> _appended;
    private readonly Histogram<double> _commit;
    private readonly Counter<long> _signed;
    private readonly Histogram<double> _signing;
    private readonly TimeProvider _time;
    private long _head;
    private long _covered;
    private long _signedAtTicks;

    /// <summary>Creates the instruments on the application's meter factory.</summary>
    public AuditMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _appended = meter.CreateCounter<long>(AppendedName, "{record}", "Disclosure records appended to the log (committed).");
        _commit = meter.CreateHistogram<double>("tierspayant.audit.commit.duration", "s", "Time of one group commit of the disclosure log.");
        _signed = meter.CreateCounter<long>("tierspayant.audit.checkpoints", "{checkpoint}", "Checkpoints of the disclosure log signed.");
        _signing = meter.CreateHistogram<double>("tierspayant.audit.checkpoint.duration", "s", "Time to sign one checkpoint (subtree hashes, root, signature).");
        meter.CreateObservableGauge(UnsignedName, () => Math.Max(0, Volatile.Read(ref _head) - Volatile.Read(ref _covered)), "{record}",
            "Records appended that no signed checkpoint covers yet (as this node last saw the log).");
        meter.CreateObservableGauge(CheckpointAgeName, CheckpointAge, "s", "Age of the newest signed checkpoint this node saw.");
    }

    /// <summary>A group commit of <paramref name="records"/> records ended at log size <paramref name="head"/>.</summary>
    internal void Appended(int records, long head, TimeSpan took)
    {
        _appended.Add(records);
        _commit.Record(took.TotalSeconds);
        Raise(ref _head, head);
    }

    /// <summary>A checkpoint round saw the log at <paramref name="head"/> and its newest checkpoint.</summary>
    internal void Saw(long head, long covered, DateTime signedAtUtc)
    {
        Raise(ref _head, head);
        Raise(ref _covered, covered);
        Raise(ref _signedAtTicks, signedAtUtc.Ticks);
    }

    /// <summary>This node signed a checkpoint.</summary>
    internal void Signed(TimeSpan took)
    {
        _signed.Add(1);
        _signing.Record(took.TotalSeconds);
    }

    private IEnumerable<Measurement<double>> CheckpointAge()
    {
        var ticks = Volatile.Read(ref _signedAtTicks);
        return ticks == 0 ? [] : [new Measurement<double>((_time.GetUtcNow().UtcDateTime - new DateTime(ticks, DateTimeKind.Utc)).TotalSeconds)];
    }

    // Nodes and rounds may report out of order: the log and its checkpoints only grow.
    private static void Raise(ref long field, long value)
    {
        long seen;
        while (value > (seen = Volatile.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen)
        {
        }
    }
}
