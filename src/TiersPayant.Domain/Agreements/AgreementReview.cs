namespace TiersPayant.Domain.Agreements;

/// <summary>
/// An insurer's manager deciding a request the rules left pending: granted at the amounts the
/// engine computed, valid for the usual period from the care date, or refused. Only a pending
/// request can be decided, once.
/// </summary>
public static class AgreementReview
{
    /// <summary>Reasons a grant lifts: what made the request pending.</summary>
    private static readonly string[] Lifted = [AgreementReasons.MissingDocument, AgreementReasons.PriceAboveInsurerReference];

    /// <summary>The request's state after the manager's decision.</summary>
    /// <param name="current">The request's status: must be <see cref="AgreementStatus.Pending"/>.</param>
    /// <param name="grant">True to grant, false to refuse.</param>
    /// <param name="careDate">The care date the validity runs from.</param>
    /// <param name="reasons">The request's reason codes so far.</param>
    /// <exception cref="InvalidOperationException">The request is not pending.</exception>
    public static ReviewedAgreement Decide(AgreementStatus current, bool grant, DateOnly careDate, IEnumerable<string> reasons)
    {
        if (current != AgreementStatus.Pending)
        {
            throw new InvalidOperationException($"Only a pending request is reviewed; this one is {current.Code()}.");
        }

        return grant
            ? new ReviewedAgreement(AgreementStatus.Accepted, careDate.AddMonths(AgreementEngine.ValidityMonths).AddDays(-1),
                [.. reasons.Where(r => !Lifted.Contains(r)), AgreementReasons.AcceptedByInsurer])
            : new ReviewedAgreement(AgreementStatus.Refused, null, [.. reasons, AgreementReasons.RefusedByInsurer]);
    }
}

/// <summary>A reviewed request.</summary>
/// <param name="Status">Accepted or refused.</param>
/// <param name="ValidUntil">Last day the grant may be invoiced; null when refused.</param>
/// <param name="Reasons">The reason codes, the manager's decision last.</param>
public sealed record ReviewedAgreement(AgreementStatus Status, DateOnly? ValidUntil, IReadOnlyList<string> Reasons);
