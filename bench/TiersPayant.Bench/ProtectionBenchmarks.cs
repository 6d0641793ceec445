using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using TiersPayant.Data.Protection;
using TiersPayant.Domain;
using TiersPayant.Domain.Identity;
using TiersPayant.Domain.Members;

namespace TiersPayant.Bench;

/// <summary>
/// Cost of protecting one beneficiary (two AES-GCM encryptions, three HMAC indexes) against the
/// baseline of serialising the same identity to JSON.
/// <c>dotnet run -c Release --project bench/TiersPayant.Bench -- --filter *Protection*</c>
/// </summary>
[MemoryDiagnoser]
public class ProtectionBenchmarks
{
    private readonly Beneficiary _person = new(
        BeneficiaryId.New(), AmcNumber.Parse("775000012"), "7701000042", 1, new PersonName("Lefèvre", "N'Diaye", "Léa-Marie"),
        new DateOnly(1982, 9, 30), Nir.Parse("282092A002123" + Nir.ComputeKey("282092A002123").ToString("D2", System.Globalization.CultureInfo.InvariantCulture)),
        Relationship.Spouse, "CONFORT", new DateRange(new DateOnly(2024, 1, 1), null));

    private readonly BeneficiaryProtector _protector;

    public ProtectionBenchmarks()
    {
        var ring = new KeyRing(new Dictionary<uint, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) }, 1, RandomNumberGenerator.GetBytes(32));
        _protector = new BeneficiaryProtector(new FieldCipher(ring), new BlindIndex(ring));
    }

    [Benchmark(Baseline = true)]
    public byte[] SerializeOnly() =>
        JsonSerializer.SerializeToUtf8Bytes(new { _person.MembershipNumber, _person.Name.LastName, _person.Name.BirthName, _person.Name.FirstName, _person.BirthDate, Nir = _person.Nir.Value });

    [Benchmark]
    public object Protect() => _protector.Protect(_person);
}
