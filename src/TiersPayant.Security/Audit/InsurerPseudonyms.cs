using TiersPayant.Data.Protection;

namespace TiersPayant.Security.Audit;

/// <summary>
/// The named door to an insurer's pseudonym of a beneficiary: the one the disclosure log's entries
/// carry (keyed per insurer), so an insurer can match a statement's lines with the log without
/// anyone being named. It is computed from the beneficiary's identifier and the insurer's key:
/// nothing personal is read, so nothing is recorded.
/// </summary>
public sealed class InsurerPseudonyms
{
    private readonly BeneficiaryProtector _protector;

    internal InsurerPseudonyms(BeneficiaryProtector protector) => _protector = protector;

    /// <summary>The pseudonym of <paramref name="beneficiary"/> for <paramref name="insurer"/>.</summary>
    public string Of(string insurer, Guid beneficiary) => _protector.AuditPseudonym(insurer, beneficiary);
}
