using System.Globalization;
using System.Numerics;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Members;

namespace TiersPayant.Demo;

/// <summary>
/// Bank details of the demo: each practice an account at a French bank (specimen IBANs, valid by
/// their check digits, reproducible from the practice's rank), each insurer a signed SEPA
/// direct-debit mandate.
/// </summary>
internal static class DemoBanking
{
    private static readonly (string Bank, string Branch, string Bic)[] Banks =
    [
        ("30004", "00001", "BNPAFRPPXXX"), ("30003", "01234", "SOGEFRPPXXX"), ("10278", "06000", "CMCIFR2AXXX"),
        ("20041", "01005", "PSSTFRPPXXX"), ("30006", "00001", "AGRIFRPPXXX"),
    ];

    public static PracticeRecord WithAccount(PracticeRecord practice, int rank)
    {
        var (bank, branch, bic) = Banks[rank % Banks.Length];
        practice.Iban = FrenchIban(bank, branch, string.Create(CultureInfo.InvariantCulture, $"{10_000_000 + rank:D11}"));
        practice.Bic = bic;
        return practice;
    }

    public static InsurerRecord WithMandate(InsurerRecord insurer, int rank, DateOnly today)
    {
        var (bank, branch, bic) = Banks[(rank + 2) % Banks.Length];
        insurer.Iban = FrenchIban(bank, branch, string.Create(CultureInfo.InvariantCulture, $"{90_000_000 + rank:D11}"));
        insurer.Bic = bic;
        insurer.MandateId = "TP-MANDAT-" + insurer.Amc;
        insurer.MandateSignedOn = today.AddYears(-1);
        return insurer;
    }

    /// <summary>A French IBAN: the RIB's key (97 − the RIB mod 97), then ISO 13616's check digits.</summary>
    private static string FrenchIban(string bank, string branch, string account)
    {
        var key = (97 - (int)((89 * BigInteger.Parse(bank, CultureInfo.InvariantCulture)
            + 15 * BigInteger.Parse(branch, CultureInfo.InvariantCulture)
            + 3 * BigInteger.Parse(account, CultureInfo.InvariantCulture)) % 97)).ToString("D2", CultureInfo.InvariantCulture);
        var bban = bank + branch + account + key;
        // "FR" is 15 27; check digits 98 − (BBAN FR00 mod 97).
        var check = 98 - (int)(BigInteger.Parse(bban + "152700", CultureInfo.InvariantCulture) % 97);
        return string.Create(CultureInfo.InvariantCulture, $"FR{check:D2}{bban}");
    }
}
