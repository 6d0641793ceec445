using TiersPayant.Domain;
using TiersPayant.Domain.Members;

namespace TiersPayant.Security.Guard;

/// <summary>
/// What a module may ask to see of a beneficiary the guard admitted. Each view carries only its
/// fields; no view carries the NIR, a birth date or an address.
/// </summary>
[Flags]
public enum BeneficiaryViews
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><see cref="RightsView"/>: insurer, contract, relationship, rights period.</summary>
    Rights = 1,

    /// <summary><see cref="IdentityView"/>: names and membership number, for the practice's own patients only.</summary>
    Identity = 2,

    /// <summary><see cref="CareView"/>: leave to show care (an agreement's or a claim's lines and amounts) about this person.</summary>
    Care = 4,

    /// <summary>
    /// A document attached to one of their agreements (prescription, quote…), given only by
    /// <see cref="GuardedDocuments"/>: the content may hold anything about the person.
    /// </summary>
    Documents = 8,
}

/// <summary>The coverage of a person: enough to answer a rights check, nothing that identifies them.</summary>
/// <param name="BeneficiaryId">The beneficiary's identifier (not personal data by itself).</param>
/// <param name="Insurer">The insurer (AMC).</param>
/// <param name="ContractCode">The contract's code at the insurer.</param>
/// <param name="Relationship">Holder, spouse, child…</param>
/// <param name="Rights">The period of the person's rights.</param>
public sealed record RightsView(Guid BeneficiaryId, AmcNumber Insurer, string ContractCode, Relationship Relationship, DateRange Rights);

/// <summary>Who a practice's own patient is: shown one record at a time, on demand.</summary>
/// <param name="BeneficiaryId">The beneficiary's identifier.</param>
/// <param name="LastName">Usage name.</param>
/// <param name="FirstName">First name.</param>
/// <param name="MembershipNumber">The membership number on the card.</param>
public sealed record IdentityView(Guid BeneficiaryId, string LastName, string FirstName, string MembershipNumber);

/// <summary>Leave to attach and show care records about this person.</summary>
/// <param name="BeneficiaryId">The beneficiary's identifier, to which care records are attached.</param>
/// <param name="Insurer">The insurer that pays for the care.</param>
public sealed record CareView(Guid BeneficiaryId, AmcNumber Insurer);

/// <summary>
/// The views one disclosure gave, and only those: asking for a view that was not named is a
/// programming error, not a way to the data (the data was never copied here).
/// </summary>
public sealed class Disclosure
{
    private readonly RightsView? _rights;
    private readonly IdentityView? _identity;
    private readonly CareView? _care;

    internal Disclosure(RightsView? rights, IdentityView? identity, CareView? care) =>
        (_rights, _identity, _care) = (rights, identity, care);

    /// <summary>The rights, when <see cref="BeneficiaryViews.Rights"/> was named.</summary>
    public RightsView Rights => _rights ?? throw NotNamed(BeneficiaryViews.Rights);

    /// <summary>The identity, when <see cref="BeneficiaryViews.Identity"/> was named.</summary>
    public IdentityView Identity => _identity ?? throw NotNamed(BeneficiaryViews.Identity);

    /// <summary>The care leave, when <see cref="BeneficiaryViews.Care"/> was named.</summary>
    public CareView Care => _care ?? throw NotNamed(BeneficiaryViews.Care);

    private static InvalidOperationException NotNamed(BeneficiaryViews view) =>
        new($"The {view} view was not named in this disclosure.");
}
