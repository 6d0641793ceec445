using System.ComponentModel.DataAnnotations;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>The token issuer for practice software (configuration section <c>Accounts:ApiClients</c>).</summary>
internal sealed class ApiClientOptions
{
    public const string Section = "Accounts:ApiClients";

    /// <summary>How long an access token lives: short, so a leaked token is soon useless.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest an assertion may ask to live (its <c>exp</c> from now). Bounds how long the
    /// platform must remember a <c>jti</c> to refuse its replay.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan MaximumAssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Accept the client secrets of demo clients. Null: yes on the embedded SQLite default that
    /// seeds demo data on first start, no elsewhere. Never true in production: real clients
    /// authenticate with a signed assertion or a certificate.
    /// </summary>
    public bool? AllowDemoSecrets { get; set; }

    /// <summary>
    /// The issuer (absolute URI, e.g. <c>https://tiers.example.fr/</c>): the value of the tokens'
    /// <c>iss</c> and the only audience accepted in client assertions. Null: the address of each
    /// request, which suits the demo; production sets it so that every node agrees.
    /// </summary>
    [Url]
    public string? Issuer { get; set; }
}
