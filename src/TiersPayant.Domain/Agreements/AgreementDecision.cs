using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Agreements;

/// <summary>The state of a prior agreement.</summary>
public enum AgreementStatus
{
    /// <summary><c>accepted</c>: every line is paid as the guarantee says.</summary>
    Accepted,
    /// <summary><c>partial</c>: some line is refused, or a ceiling cut the insurer's share.</summary>
    Partial,
    /// <summary><c>refused</c>: no line is paid by the insurer.</summary>
    Refused,
    /// <summary><c>pending</c>: a person must decide (missing document, price above the insurer's reference).</summary>
    Pending,
}

/// <summary>Wire codes of <see cref="AgreementStatus"/>.</summary>
public static class AgreementStatuses
{
    /// <summary>The lower-case wire code, e.g. <c>partial</c>.</summary>
    public static string Code(this AgreementStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Reads a wire code.</summary>
    public static bool TryParse(string? code, out AgreementStatus status) =>
        WireCodes.TryParse(code, Enum.GetValues<AgreementStatus>(), Code, out status);

    /// <summary>Reads a stored wire code; an unknown one is a corrupt row.</summary>
    public static AgreementStatus Parse(string code) =>
        TryParse(code, out var status) ? status : throw WireCodes.Unknown(nameof(AgreementStatus));
}

/// <summary>
/// Who pays what on a line or a whole request. <c>Statutory + Insurer + Patient == Total</c>
/// always, and none is negative.
/// </summary>
/// <param name="Total">What the professional charges.</param>
/// <param name="Statutory">The statutory insurance's share (AMO).</param>
/// <param name="Insurer">The complementary insurer's share (AMC).</param>
/// <param name="Patient">What is left to the patient ("reste à charge").</param>
public sealed record Shares(Money Total, Money Statutory, Money Insurer, Money Patient)
{
    /// <summary>Nothing.</summary>
    public static Shares None { get; } = new(Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    /// <summary>The sum of two shares.</summary>
    public static Shares operator +(Shares a, Shares b) =>
        new(a.Total + b.Total, a.Statutory + b.Statutory, a.Insurer + b.Insurer, a.Patient + b.Patient);

    /// <summary>The sum of two shares.</summary>
    public static Shares Add(Shares a, Shares b) => a + b;
}

/// <summary>The decision on one line.</summary>
/// <param name="Index">The line's position in the request, from 0.</param>
/// <param name="Code">The line's code.</param>
/// <param name="Amounts">Who pays what.</param>
/// <param name="Reasons">Why the line is refused, capped or held, in the order the rules found them.</param>
/// <param name="RenewableFrom">
/// When the line is refused because the renewal period has not elapsed: the first day the same
/// component (frame, lens of this eye, aid of this ear) may be renewed, the last delivery's date
/// plus the renewal period that applied (a new prescription may shorten it). Null otherwise.
/// </param>
public sealed record LineDecision(int Index, string Code, Shares Amounts, IReadOnlyList<string> Reasons, DateOnly? RenewableFrom = null)
{
    /// <summary>True when the insurer refuses the line.</summary>
    public bool Refused => Reasons.Any(AgreementReasons.Refuses);
}

/// <summary>The answer to a valid prior-agreement request.</summary>
/// <param name="Status">Accepted, partial, refused or pending.</param>
/// <param name="Lines">One decision per request line, in request order.</param>
/// <param name="Totals">The lines' amounts summed.</param>
/// <param name="Reasons">Every reason, request-wide first, then the lines', each once.</param>
/// <param name="MissingDocuments">The required documents that were not attached.</param>
/// <param name="Validity">When the agreement can be invoiced against; null unless accepted or partial.</param>
/// <param name="RulesEdition">The name of the rules edition applied.</param>
public sealed record AgreementDecision(
    AgreementStatus Status,
    IReadOnlyList<LineDecision> Lines,
    Shares Totals,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<SupportingDocument> MissingDocuments,
    DateRange? Validity,
    string RulesEdition);

/// <summary>The outcome of <see cref="AgreementEngine.Evaluate"/>: field errors, or a decision.</summary>
/// <param name="Errors">Why the request cannot be evaluated; empty when it could.</param>
/// <param name="Decision">The decision; null when there are errors.</param>
public sealed record AgreementEvaluation(IReadOnlyList<FieldError> Errors, AgreementDecision? Decision)
{
    /// <summary>True when the request was evaluated.</summary>
    public bool IsValid => Decision is not null;
}
