using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TiersPayant.Data.Members;
using TiersPayant.Domain;
using TiersPayant.Domain.Identity;
using TiersPayant.Domain.Members;

namespace TiersPayant.Data.Protection;

/// <summary>
/// Turns a <see cref="Beneficiary"/> into its stored form (identity and NIR encrypted, blind
/// indexes computed) and back. The only place that sees both the clear values and the row.
/// </summary>
internal sealed class BeneficiaryProtector(FieldCipher cipher, BlindIndex index)
{
    internal const string MemberPurpose = "member";
    internal const string IdentityPurpose = "identity";
    internal const string NirPurpose = "nir";
    internal const string GuardMemberPurpose = "guard-member";
    internal const string GuardBlockPurpose = "guard-block";
    internal const string GuardBirthPurpose = "guard-birth";
    internal const string AuditInsurerPurpose = "audit-insurer";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _auditKeys = new(StringComparer.Ordinal);

    /// <summary>Index of a card: (insurer, membership number).</summary>
    public byte[] MemberIndex(AmcNumber insurer, string membershipNumber) =>
        index.Compute(MemberPurpose, insurer.Value, MembershipNumbers.Normalize(membershipNumber));

    /// <summary>Index of a person: (insurer, membership number, birth date, birth rank).</summary>
    public byte[] IdentityIndex(AmcNumber insurer, string membershipNumber, DateOnly birthDate, int birthRank) =>
        index.Compute(IdentityPurpose, insurer.Value, MembershipNumbers.Normalize(membershipNumber),
            birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), birthRank.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The guard's keyed tags of a card: the membership number, its block of ten (all but the last
    /// character) and the birth date, each a short keyed hash that says "the same" or "next to"
    /// without saying what. They let the detector see generated sequences and guessing.
    /// </summary>
    public GuardTags Tags(AmcNumber insurer, string membershipNumber, DateOnly birthDate)
    {
        var number = MembershipNumbers.Normalize(membershipNumber);
        return new GuardTags(
            Short(index.Compute(GuardMemberPurpose, insurer.Value, number)),
            Short(index.Compute(GuardBlockPurpose, insurer.Value, number.Length > 1 ? number[..^1] : number)),
            Short(index.Compute(GuardBirthPurpose, birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// The pseudonym of a beneficiary in the disclosure log's published entries: 16 bytes of
    /// HMAC-SHA256 of the beneficiary's identifier under a key of the insurer's own (itself keyed
    /// from the blind-index key), base64url. Stable, so an auditor sees the same person twice;
    /// meaningless without the key, and different for every insurer; an insurer given its key
    /// (<see cref="AuditInsurerKey"/>) can recognise its own members and no one else's.
    /// </summary>
    public string AuditPseudonym(string insurer, Guid beneficiaryId) =>
        System.Buffers.Text.Base64Url.EncodeToString(
            System.Security.Cryptography.HMACSHA256.HashData(AuditInsurerKey(insurer), beneficiaryId.ToByteArray(bigEndian: true)).AsSpan(0, 16));

    /// <summary>The insurer's key of the disclosure log's pseudonyms.</summary>
    public byte[] AuditInsurerKey(string insurer) => _auditKeys.GetOrAdd(insurer, i => index.Compute(AuditInsurerPurpose, i));

    /// <summary>Index of a NIR.</summary>
    public byte[] NirIndex(Nir nir) => index.Compute(NirPurpose, nir.Value);

    /// <summary>The stored form of a new beneficiary.</summary>
    public BeneficiaryRecord Protect(Beneficiary b)
    {
        var record = new BeneficiaryRecord
        {
            Id = b.Id.Value,
            InsurerAmc = b.Insurer.Value,
            MemberIndex = MemberIndex(b.Insurer, b.MembershipNumber),
            IdentityIndex = IdentityIndex(b.Insurer, b.MembershipNumber, b.BirthDate, b.BirthRank),
            NirIndex = [],
            NirCipher = [],
            IdentityCipher = [],
            BirthRank = b.BirthRank,
            Relationship = b.Relationship.Code(),
            ContractCode = b.ContractCode,
        };
        Apply(b, record);
        return record;
    }

    /// <summary>
    /// Writes <paramref name="b"/>'s values into an existing row. Re-encrypts only what changed,
    /// so that storing the same person twice leaves the row byte for byte as it was.
    /// </summary>
    /// <returns>True when anything changed.</returns>
    public bool Apply(Beneficiary b, BeneficiaryRecord record)
    {
        var changed = false;
        var current = record.IdentityCipher.Length == 0 ? null : Reveal(record);
        var id = new BeneficiaryId(record.Id);
        if (current is null || current.Nir != b.Nir)
        {
            record.NirCipher = cipher.Encrypt(Encoding.ASCII.GetBytes(b.Nir.Value), FieldBindings.Beneficiary(id.Value, FieldBindings.Nir));
            record.NirIndex = NirIndex(b.Nir);
            changed = true;
        }

        if (current is null || current.MembershipNumber != b.MembershipNumber || current.Name != b.Name || current.BirthDate != b.BirthDate)
        {
            var payload = new IdentityPayload(b.MembershipNumber, b.Name.LastName, b.Name.BirthName, b.Name.FirstName, b.BirthDate);
            record.IdentityCipher = cipher.Encrypt(JsonSerializer.SerializeToUtf8Bytes(payload, PayloadContext.Default.IdentityPayload), FieldBindings.Beneficiary(id.Value, FieldBindings.Identity));
            changed = true;
        }

        changed |= Set(record.BirthRank, b.BirthRank, v => record.BirthRank = v);
        changed |= Set(record.Relationship, b.Relationship.Code(), v => record.Relationship = v);
        changed |= Set(record.ContractCode, b.ContractCode, v => record.ContractCode = v);
        changed |= Set(record.RightsFrom, b.Rights.From, v => record.RightsFrom = v);
        changed |= Set(record.RightsTo, b.Rights.To, v => record.RightsTo = v);
        return changed;
    }

    /// <summary>Decrypts a stored beneficiary. Callers outside the guarded data path must not use it.</summary>
    internal Beneficiary Reveal(BeneficiaryRecord record)
    {
        var id = new BeneficiaryId(record.Id);
        var nir = Nir.Parse(Encoding.ASCII.GetString(cipher.Decrypt(record.NirCipher, FieldBindings.Beneficiary(id.Value, FieldBindings.Nir))));
        var identity = JsonSerializer.Deserialize(cipher.Decrypt(record.IdentityCipher, FieldBindings.Beneficiary(id.Value, FieldBindings.Identity)), PayloadContext.Default.IdentityPayload)
            ?? throw new InvalidDataException("Empty identity payload.");
        if (!RelationshipCodes.TryParse(record.Relationship, out var relationship))
        {
            throw new InvalidDataException("Unknown relationship code in a stored beneficiary.");
        }

        return new Beneficiary(
            id, AmcNumber.Parse(record.InsurerAmc), identity.MembershipNumber, record.BirthRank,
            new PersonName(identity.LastName, identity.BirthName, identity.FirstName), identity.BirthDate, nir,
            relationship, record.ContractCode, new DateRange(record.RightsFrom, record.RightsTo));
    }

    private static string Short(byte[] hash) => Convert.ToHexStringLower(hash.AsSpan(0, 8));

    private static bool Set<T>(T current, T value, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(current, value))
        {
            return false;
        }

        set(value);
        return true;
    }
}

/// <summary>The encrypted identity of a beneficiary.</summary>
/// <summary>The guard's keyed tags of a card (16 hexadecimal characters each).</summary>
internal sealed record GuardTags(string Member, string Block, string Birth);

internal sealed record IdentityPayload(
    [property: JsonPropertyName("m")] string MembershipNumber,
    [property: JsonPropertyName("l")] string LastName,
    [property: JsonPropertyName("b")] string? BirthName,
    [property: JsonPropertyName("f")] string FirstName,
    [property: JsonPropertyName("d")] DateOnly BirthDate);

[JsonSerializable(typeof(IdentityPayload))]
internal sealed partial class PayloadContext : JsonSerializerContext;
