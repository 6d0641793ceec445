using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace TiersPayant.Accounts.Notifications;

/// <summary>
/// <c>Notifications:Smtp</c>: where account notifications are e-mailed. Without a host, they are
/// only shown in the portal at the next login.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Notifications:Smtp";

    /// <summary>The SMTP relay; empty turns e-mailing off.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, or <c>None</c> for a relay on the same host only.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>TiersPayant &lt;securite@example.fr&gt;</c>.</summary>
    public string From { get; set; } = "TiersPayant <ne-pas-repondre@tierspayant.invalid>";

    /// <summary>How often the outbox is read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult("Notifications:Smtp:From is not a mail address.", [nameof(From)]);
        }

        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Notifications:Smtp:PollInterval must lie between 00:00:00.1 and 01:00:00.", [nameof(PollInterval)]);
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Notifications:Smtp:UserName and Password go together.", [nameof(UserName), nameof(Password)]);
        }
    }
}

/// <summary>How the connection to the relay is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS, required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>Plain text: only for a relay on the same host.</summary>
    None,
}
