using System.Text.Json.Serialization;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Guard;
using TiersPayant.Security.Audit;
using TiersPayant.Web.Problems;

namespace TiersPayant.Audit;

/// <summary>
/// The disclosure log for auditors (a bearer token of an auditor's client, scope <c>audit</c>):
/// the C2SP tlog-tiles layout under <c>/audit/</c> (<c>checkpoint</c>, <c>tile/…</c>), so
/// transparency-log tooling reads it as it is, plus the RFC 9162 inclusion and consistency proofs
/// as JSON. Everything is relative to a signed checkpoint; entries hold pseudonyms, never a
/// person's data. Machine-to-machine: a closed portal does not close it.
/// </summary>
internal static class AuditEndpoints
{
    public const string Prefix = "/audit";

    private const string Octets = "application/octet-stream";
    private const string NoteType = "text/plain; charset=utf-8";

    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup(Prefix).RequireAuthorization(ApiClientPolicies.Auditor).WithTags("Disclosure log").NoPersonalData();
        audit.MapGet("/checkpoint", LatestAsync)
            .WithName("AuditCheckpoint")
            .WithSummary("The latest signed checkpoint (C2SP tlog-checkpoint, a C2SP signed note with an Ed25519 signature)")
            .WithDescription("Origin, tree size and base64 root hash, each on a line, then the signature line. Verify it with the key 'tiers audit key' prints; a new one is signed at least every minute when the log grew.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        audit.MapPost("/checkpoint", SignAsync)
            .WithName("SignAuditCheckpoint")
            .WithSummary("Signs a checkpoint of the log as it is now (if it grew) and returns it")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        audit.MapGet("/checkpoints/{size:long}", AtAsync)
            .WithName("AuditCheckpointAt")
            .WithSummary("The checkpoint signed at exactly this tree size")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/tile/{**path}", TileAsync)
            .WithName("AuditTile")
            .WithSummary("A C2SP tlog-tiles tile: tile/<L>/<N>[.p/<W>] (hashes) or tile/entries/<N>[.p/<W>] (entry bundle)")
            .WithDescription("Hash tiles hold 32-byte SHA-256 hashes (level 0: RFC 6962 leaf hashes of the entries). An entry bundle holds each entry as a big-endian uint16 length and the entry, a JSON object: v, n (position), id, at, actor, account, client, practice, role, session, source, person (a pseudonym keyed per insurer), insurer, fields, purpose, channel, reference. Only tiles within the latest checkpoint are served; a full tile never changes.")
            .Produces(StatusCodes.Status200OK, contentType: Octets)
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/proof/inclusion", InclusionAsync)
            .WithName("AuditInclusionProof")
            .WithSummary("The RFC 9162 inclusion proof of one record (by position or record id) in the tree of a signed size")
            .Produces<InclusionBody>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/proof/consistency", ConsistencyAsync)
            .WithName("AuditConsistencyProof")
            .WithSummary("The RFC 9162 consistency proof that the tree of size 'from' is a prefix of the tree of size 'to'")
            .Produces<ConsistencyBody>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> LatestAsync(MerkleLog log, HttpContext context, CancellationToken cancellation)
    {
        var checkpoint = await log.LatestAsync(cancellation) ?? await log.CheckpointAsync(cancellation);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text(checkpoint.Note, NoteType);
    }

    private static async Task<IResult> SignAsync(MerkleLog log, CancellationToken cancellation) =>
        Results.Text((await log.CheckpointAsync(cancellation)).Note, NoteType);

    private static async Task<IResult> AtAsync(long size, MerkleLog log, CancellationToken cancellation) =>
        await log.AtAsync(size, cancellation) is { } checkpoint ? Results.Text(checkpoint.Note, NoteType) : NotFound("No checkpoint was signed at this size.");

    private static async Task<IResult> TileAsync(string path, MerkleLog log, HttpContext context, CancellationToken cancellation)
    {
        if (!TilePath.Parse(path, out var level, out var index, out var width))
        {
            return NotFound("Not a tile path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>].");
        }

        var tile = level == TilePath.Entries ? await log.EntryBundleAsync(index, width, cancellation) : await log.TileAsync(level, index, width, cancellation);
        if (tile is null)
        {
            return NotFound("The latest checkpoint does not cover this tile, or its records were purged.");
        }

        // A full tile, like a partial one of a given width, never changes.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(tile, Octets);
    }

    private static async Task<IResult> InclusionAsync(long? index, Guid? record, long? size, MerkleLog log, CancellationToken cancellation)
    {
        if ((index is null) == (record is null))
        {
            return BadRequest("index", "Give the record's position (index) or its id (record), not both.");
        }

        if (size is null)
        {
            var latest = await log.LatestAsync(cancellation);
            size = latest?.Size ?? 0;
        }

        var position = index ?? await log.PositionOfAsync(record!.Value, cancellation);
        if (position is null)
        {
            return NotFound("No record has this id.");
        }

        var proof = await log.InclusionAsync(position.Value, size.Value, cancellation);
        return proof is null
            ? NotFound("No signed checkpoint covers this size, or the record is not in it or was purged.")
            : Results.Ok(new InclusionBody(proof.Index, proof.Size, Convert.ToBase64String(proof.LeafHash), [.. proof.Path.Select(Convert.ToBase64String)]));
    }

    private static async Task<IResult> ConsistencyAsync(long? from, long? to, MerkleLog log, CancellationToken cancellation)
    {
        if (from is null || to is null || from < 0 || to < from)
        {
            return BadRequest(from is null || from < 0 ? "from" : "to", "Give two tree sizes, from ≤ to.");
        }

        var proof = await log.ConsistencyAsync(from.Value, to.Value, cancellation);
        return proof is null
            ? NotFound("No signed checkpoint covers the size 'to'.")
            : Results.Ok(new ConsistencyBody(from.Value, to.Value, [.. proof.Select(Convert.ToBase64String)]));
    }

    private static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound);

    private static IResult BadRequest(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, type: ProblemTypes.Validation);
}

/// <summary>An inclusion proof: leaf <c>index</c> with <c>leafHash</c> is in the tree of <c>size</c> leaves; <c>path</c> is the RFC 9162 audit path, base64.</summary>
internal sealed record InclusionBody(
    [property: JsonPropertyName("index")] long Index,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("leafHash")] string LeafHash,
    [property: JsonPropertyName("path")] IReadOnlyList<string> Path);

/// <summary>A consistency proof between the trees of <c>from</c> and <c>to</c> leaves; <c>path</c> base64.</summary>
internal sealed record ConsistencyBody(
    [property: JsonPropertyName("from")] long From,
    [property: JsonPropertyName("to")] long To,
    [property: JsonPropertyName("path")] IReadOnlyList<string> Path);
