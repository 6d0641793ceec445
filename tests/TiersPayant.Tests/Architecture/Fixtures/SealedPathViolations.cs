using TiersPayant.Data;
using TiersPayant.Data.Members;
using TiersPayant.Data.Protection;

namespace TiersPayant.Tests.Architecture.Fixtures;

// Deliberate violations for ArchitectureTests: never used by product code, never called by a test.

/// <summary>Breaks the sealed path: a beneficiary row taken outside Data and Security.</summary>
internal static class TakesABeneficiaryRecord
{
    internal static Guid IdOf(BeneficiaryRecord record) => record.Id;
}

/// <summary>Breaks the sealed path: the field encryption used outside Data and Security.</summary>
internal static class UsesTheFieldCipher
{
    internal static byte[] Seal(FieldCipher cipher, byte[] plaintext) => cipher.Encrypt(plaintext, []);
}

/// <summary>Breaks the sealed path without naming a record: it counts the rows through the context.</summary>
internal static class CountsBeneficiaryRows
{
    internal static int Count(TiersPayantDbContext context) => context.Beneficiaries.Count();
}
