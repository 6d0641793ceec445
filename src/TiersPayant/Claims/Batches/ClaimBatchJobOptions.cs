using System.ComponentModel.DataAnnotations;

namespace TiersPayant.Claims.Batches;

/// <summary>Settings of section <c>ClaimBatches</c>: how a server runs the invoice files sent through the API.</summary>
public sealed class ClaimBatchJobOptions
{
    public const string Section = "ClaimBatches";

    /// <summary>Whether this node runs queued files (a node may take files in and leave them to others).</summary>
    public bool Run { get; set; } = true;

    /// <summary>How often an idle node looks for a queued file (or one whose node stopped).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a node holds a file without renewing: past it, another node takes the file up. Renewed every third of it.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Invoices adjudicated at once by the running node (as <c>import claims --parallel</c>).</summary>
    [Range(1, ClaimBatchImporter.MaxWorkers)]
    public int Parallel { get; set; } = 4;

    /// <summary>Times a file is started before it is marked failed (a node stopping midway does not count against it).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;
}
