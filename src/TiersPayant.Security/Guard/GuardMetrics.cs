using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The guard's decisions and the cards that matched nobody, for the security console and
/// alerting, and a span per guarded access for traces. Tags say how (outcome, reason, channel,
/// profession, path), never who: each is a small closed set.
/// </summary>
public sealed class GuardMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "TiersPayant.Guard";

    /// <summary>Counter of decisions.</summary>
    public const string DecisionsName = "tierspayant.guard.decisions";

    /// <summary>Counter of presented cards that matched nobody.</summary>
    public const string NoMatchName = "tierspayant.guard.no_match";

    /// <summary>The activity source of the guard's spans (the same name as the meter).</summary>
    public const string SourceName = MeterName;

    /// <summary>The name of the span around one guarded access.</summary>
    public const string DecisionSpanName = "guard decision";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _noMatch;

    /// <summary>Creates the instruments on the application's meter factory.</summary>
    public GuardMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>(DecisionsName, description: "Access decisions on beneficiaries' data, by outcome and reason.");
        _noMatch = meter.CreateCounter<long>(NoMatchName, description: "Presented cards that matched nobody.");
    }

    /// <summary>Counts a decision.</summary>
    /// <param name="channel">The channel asked through.</param>
    /// <param name="profession">The profession's code, or <c>staff:ROLE</c>.</param>
    /// <param name="decision">What the guard decided.</param>
    public void Decided(string channel, string profession, GuardDecision decision) => _decisions.Add(1,
        new KeyValuePair<string, object?>("outcome", decision.Outcome.ToString().ToLowerInvariant()),
        new KeyValuePair<string, object?>("reason", decision.Reason ?? "none"),
        new KeyValuePair<string, object?>("channel", channel),
        new KeyValuePair<string, object?>("profession", profession));

    /// <summary>Counts a card that matched nobody.</summary>
    public void NoMatch(Actor actor) => _noMatch.Add(1,
        new KeyValuePair<string, object?>("channel", actor.Channel),
        new KeyValuePair<string, object?>("profession", Domain.Practices.Professions.Code(actor.Profession)));

    /// <summary>Starts the span of one guarded access (null when nobody listens).</summary>
    /// <param name="path"><c>card</c>, <c>record</c> or <c>staff</c>: how the person is reached.</param>
    /// <param name="channel">The channel asked through.</param>
    /// <param name="profession">The profession's code, or <c>staff:ROLE</c>.</param>
    internal static Activity? StartDecision(string path, string channel, string profession) =>
        Source.StartActivity(DecisionSpanName)?.SetTag("path", path).SetTag("channel", channel).SetTag("profession", profession);

    /// <summary>Ends the span with what the guarded path answered: allow, no-match, or the refusal's outcome and reason.</summary>
    internal static MatchResult Ended(Activity? span, MatchResult result)
    {
        span?.SetTag("outcome", result.Refusal?.Outcome.ToString().ToLowerInvariant() ?? (result.Beneficiary is null ? "no-match" : "allow"))
            .SetTag("reason", result.Refusal?.Reason ?? "none");
        return result;
    }
}
