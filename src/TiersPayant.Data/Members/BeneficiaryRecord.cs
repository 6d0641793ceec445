namespace TiersPayant.Data.Members;

/// <summary>
/// A beneficiary as stored: identity and NIR encrypted (AES-256-GCM), found only through keyed
/// blind indexes. Nothing here identifies a person in clear.
/// </summary>
internal sealed class BeneficiaryRecord
{
    public Guid Id { get; set; }

    public required string InsurerAmc { get; set; }

    /// <summary>HMAC of (insurer, membership number): the family on one card.</summary>
    public required byte[] MemberIndex { get; set; }

    /// <summary>HMAC of (insurer, membership number, birth date, birth rank): unique per person.</summary>
    public required byte[] IdentityIndex { get; set; }

    /// <summary>HMAC of the NIR: several people may be covered under one NIR.</summary>
    public required byte[] NirIndex { get; set; }

    /// <summary>The NIR, encrypted.</summary>
    public required byte[] NirCipher { get; set; }

    /// <summary>Membership number, names and birth date, encrypted together.</summary>
    public required byte[] IdentityCipher { get; set; }

    public int BirthRank { get; set; }

    public required string Relationship { get; set; }

    public required string ContractCode { get; set; }

    public DateOnly RightsFrom { get; set; }

    public DateOnly? RightsTo { get; set; }
}
