using System.Diagnostics.Metrics;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// Counters of refused logins, by step and reason, for the security console and alerting. Tags
/// never carry a login, an address or anything else that identifies a person.
/// </summary>
public sealed class AccountsMetrics
{
    /// <summary>The meter's name, for OpenTelemetry or dotnet-counters.</summary>
    public const string MeterName = "TiersPayant.Accounts";

    private readonly Counter<long> _failures;
    private readonly Counter<long> _emails;

    /// <summary>Creates the instruments on the application's meter factory.</summary>
    public AccountsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _failures = meter.CreateCounter<long>("tierspayant.accounts.login_failures", description: "Refused login attempts, by step and reason.");
        _emails = meter.CreateCounter<long>("tierspayant.accounts.notification_emails", description: "Account notifications e-mailed, by kind and outcome.");
    }

    /// <summary>Counts one refusal.</summary>
    /// <param name="step"><c>password</c> or <c>second-factor</c>.</param>
    /// <param name="reason">e.g. <c>refused</c>, <c>throttled</c>, <c>busy</c>, <c>malformed</c>, <c>wrong-code</c>.</param>
    public void LoginFailed(string step, string reason) =>
        _failures.Add(1, new KeyValuePair<string, object?>("step", step), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts one notification e-mail.</summary>
    /// <param name="kind">The notification kind.</param>
    /// <param name="outcome"><c>sent</c> or <c>failed</c>.</param>
    public void NotificationEmailed(string kind, string outcome) =>
        _emails.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
}
