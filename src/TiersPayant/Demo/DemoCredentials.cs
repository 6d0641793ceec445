using System.Text.Json;
using System.Text.Json.Serialization;

namespace TiersPayant.Demo;

/// <summary>
/// The demo credentials file of CONTRACT.md (<c>data/demo-credentials.json</c>): what a new user
/// needs to try the platform at once.
/// </summary>
internal sealed record DemoCredentials(
    string BaseUrl,
    IReadOnlyList<DemoAccounts.Created> PortalAccounts,
    IReadOnlyList<DemoAccounts.StaffCreated> StaffAccounts,
    IReadOnlyList<object> ApiClients,
    IReadOnlyList<SampleCard> SampleCards,
    IReadOnlyList<InsurerSummary> Insurers,
    IReadOnlyList<PracticeSummary> Practices,
    IReadOnlyList<DemoAuditClient> AuditClients)
{
    public const string FileName = "demo-credentials.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task WriteAsync(string path, CancellationToken cancellation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellation);
    }
}

/// <summary>A person whose rights are open today in the listed domains, as printed on their card.</summary>
internal sealed record SampleCard(
    string Insurer, string MemberNumber, string LastName, string FirstName,
    DateOnly BirthDate, int BirthRank, IReadOnlyList<string> Domains,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null);

internal sealed record InsurerSummary(string Id, string Name, IReadOnlyList<string> Contracts);

internal sealed record PracticeSummary(string Id, string Name, string Profession, string City, string BillingNumber);

/// <summary>
/// An auditor's client of the demo (<c>auditClients</c>): reads the disclosure log's checkpoints,
/// tiles and proofs under <c>/audit/</c> with a bearer token of scope <c>audit</c>.
/// </summary>
internal sealed record DemoAuditClient(string ClientId, string ClientSecret, string Name);
