using System.Globalization;
using System.Text;
using CsCheck;
using TiersPayant.Payments.Sepa;
using static TiersPayant.Tests.Payments.SepaBatches;

namespace TiersPayant.Tests.Payments;

/// <summary>
/// The SEPA files as a bank receives them: each validates against the schema of the shared
/// folder, counts and control sums agree with the transactions, and bad input is refused.
/// </summary>
public sealed class SepaFileTests
{
    [Fact]
    public void Credit_transfer_file_of_several_transfers_is_valid_pain_001_001_09()
    {
        SepaSchemas.RequireFolder();
        var file = CreditTransferFile.Write(Transfers(
            Transfer(cents: 12_345, id: "E2E-1"),
            Transfer(cents: 1, id: "E2E-2", creditor: "Opticien Lafayette", bic: null, iban: "GB29NWBK60161331926819"),
            Transfer(cents: 99_999_999_999, id: "E2E-3", creditor: "Laboratoire Biolab", bic: "BNPAFRPPXXX")));

        SepaSchemas.AssertValid(file, SepaSchemas.CreditTransfer);
        Assert.Equal(["3", "3"], Values(file, "NbOfTxs"));
        Assert.Equal(["1000000123.45", "1000000123.45"], Values(file, "CtrlSum"));
        Assert.Equal(["123.45", "0.01", "999999999.99"], Values(file, "InstdAmt"));
        Assert.All(Elements(file, "InstdAmt"), amount => Assert.Equal("EUR", amount.Attribute("Ccy")?.Value));
        Assert.Equal(["E2E-1", "E2E-2", "E2E-3"], Values(file, "EndToEndId"));
        Assert.Equal(["2025-03-14T09:30:05+01:00"], Values(file, "CreDtTm"));
        Assert.Equal(["2025-03-18"], Values(file, "Dt"));
        Assert.Equal(["TRF"], Values(file, "PmtMtd"));
        Assert.Equal(["true"], Values(file, "BtchBookg"));
        Assert.Equal(["SLEV"], Values(file, "ChrgBr"));
        Assert.Equal(["BNPAFRPPXXX", "AGRIFRPP", "BNPAFRPPXXX"], Values(file, "BICFI"));
    }

    [Fact]
    public void Transfer_without_a_bic_names_no_creditor_agent()
    {
        SepaSchemas.RequireFolder();
        var file = CreditTransferFile.Write(Transfers(Transfer(bic: null), Transfer(bic: "  ", id: "E2E-2")));

        SepaSchemas.AssertValid(file, SepaSchemas.CreditTransfer);
        Assert.Empty(Elements(file, "CdtrAgt"));
        Assert.Single(Elements(file, "DbtrAgt"));
    }

    [Fact]
    public void Direct_debit_file_of_several_debits_is_valid_pain_008_001_02()
    {
        SepaSchemas.RequireFolder();
        var file = DirectDebitFile.Write(Debits(
            Debit(cents: 54_321, id: "DD-1", mandate: "MANDAT-0001"),
            Debit(cents: 100, id: "DD-2", mandate: "MANDAT-0002", debtor: "Prévoyance Santé", iban: "BE68539007547034")));

        SepaSchemas.AssertValid(file, SepaSchemas.DirectDebit);
        Assert.Equal(["2", "2"], Values(file, "NbOfTxs"));
        Assert.Equal(["544.21", "544.21"], Values(file, "CtrlSum"));
        Assert.Equal(["543.21", "1.00"], Values(file, "InstdAmt"));
        Assert.Equal(["DD"], Values(file, "PmtMtd"));
        Assert.Equal(["CORE"], Values(file, "LclInstrm"));
        Assert.Equal(["RCUR"], Values(file, "SeqTp"));
        Assert.Equal(["2025-03-18"], Values(file, "ReqdColltnDt"));
        Assert.Equal(["MANDAT-0001", "MANDAT-0002"], Values(file, "MndtId"));
        Assert.Equal(["2024-01-15", "2024-01-15"], Values(file, "DtOfSgntr"));
        var scheme = Assert.Single(Elements(file, "CdtrSchmeId"));
        Assert.Equal("FR72ZZZ123456SEPA", scheme.Value);
        Assert.Equal(["TiersPayant SAS", "TiersPayant SAS", "Mutuelle Generale", "Prevoyance Sante"], Values(file, "Nm"));
    }

    [Fact]
    public void Debit_without_a_bic_names_its_bank_NOTPROVIDED()
    {
        SepaSchemas.RequireFolder();
        var file = DirectDebitFile.Write(Debits(Debit(bic: null), Debit(id: "DD-2")));

        SepaSchemas.AssertValid(file, SepaSchemas.DirectDebit);
        var agents = Elements(file, "DbtrAgt");
        Assert.Equal(["NOTPROVIDED", "AGRIFRPP"], agents.Select(a => a.Value));
    }

    [Fact]
    public void Accented_names_and_remittances_are_written_in_the_sepa_latin_set()
    {
        SepaSchemas.RequireFolder();
        var transfer = Transfer(creditor: "Opticienne Lætitia Cœur & Fils — Saint‑Étienne", remittance: "Règlement n° 42 : façade, «œuvre» 30 €");
        var debit = Debit(debtor: "Mutuelle de l’Avenir Français", remittance: "Échéance été");

        var transfers = CreditTransferFile.Write(Transfers(transfer));
        var debits = DirectDebitFile.Write(Debits(debit));

        SepaSchemas.AssertValid(transfers, SepaSchemas.CreditTransfer);
        SepaSchemas.AssertValid(debits, SepaSchemas.DirectDebit);
        Assert.Equal("Opticienne Laetitia Coeur + Fils - Saint-Etienne", Values(transfers, "Nm")[^1]);
        Assert.Equal("Reglement n. 42 : facade, .oeuvre. 30 EUR", Assert.Single(Values(transfers, "Ustrd")));
        Assert.Equal("Mutuelle de l'Avenir Francais", Values(debits, "Nm")[^1]);
        Assert.Equal("Echeance ete", Assert.Single(Values(debits, "Ustrd")));
    }

    [Fact]
    public void Long_names_and_remittances_are_cut_and_the_files_stay_valid()
    {
        SepaSchemas.RequireFolder();
        var name = string.Concat(Enumerable.Repeat("Cabinet d’orthoptie Hélène ", 10));
        var remittance = string.Concat(Enumerable.Repeat("Facture n° 2025-0001 réglée, ", 10));
        var platform = Platform with { Name = name };

        var transfers = CreditTransferFile.Write(Transfers(Transfer(creditor: name, remittance: remittance)) with { Debtor = platform });
        var debits = DirectDebitFile.Write(Debits(Debit(debtor: name, remittance: remittance)) with { Creditor = platform });

        foreach (var (file, schema) in new[] { (transfers, SepaSchemas.CreditTransfer), (debits, SepaSchemas.DirectDebit) })
        {
            SepaSchemas.AssertValid(file, schema);
            Assert.All(Values(file, "Nm"), written => Assert.InRange(written.Length, 60, SepaFields.NameLength));
            Assert.All(Values(file, "Nm"), written => Assert.StartsWith("Cabinet d'orthoptie Helene Cabinet", written, StringComparison.Ordinal));
            Assert.InRange(Assert.Single(Values(file, "Ustrd")).Length, 130, SepaFields.RemittanceLength);
        }
    }

    [Fact]
    public void The_schema_check_refuses_what_the_schema_refuses()
    {
        SepaSchemas.RequireFolder();
        var file = Encoding.UTF8.GetString(CreditTransferFile.Write(Transfers(Transfer())));

        // A name over the EPC's 70 characters, an amount of three decimals, a foreign namespace.
        var longName = file.Replace("<Nm>TiersPayant SAS</Nm>", $"<Nm>{new string('a', 71)}</Nm>", StringComparison.Ordinal);
        var thousandths = file.Replace(">123.45<", ">123.456<", StringComparison.Ordinal);
        var foreign = file.Replace(CreditTransferFile.Namespace, "urn:example:other", StringComparison.Ordinal);

        Assert.All(new[] { longName, thousandths, foreign }, broken =>
            Assert.NotEmpty(SepaSchemas.Problems(Encoding.UTF8.GetBytes(broken), SepaSchemas.CreditTransfer)));
        Assert.NotEqual(file, longName);
        Assert.NotEqual(file, thousandths);
    }

    [Fact]
    public void Files_are_utf8_without_a_byte_order_mark_and_amounts_use_a_point_whatever_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var file = CreditTransferFile.Write(Transfers(Transfer(cents: 123_456_789)));

            Assert.Equal("<?xml", Encoding.ASCII.GetString(file, 0, 5));
            Assert.Contains("encoding=\"utf-8\"", Encoding.UTF8.GetString(file), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("1234567.89", Assert.Single(Values(file, "InstdAmt")));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(1, "0.01")]
    [InlineData(10, "0.10")]
    [InlineData(100, "1.00")]
    [InlineData(12_345, "123.45")]
    [InlineData(99_999_999_999, "999999999.99")]
    [InlineData(999_999_999_999_999_999, "9999999999999999.99")]
    public void Cents_are_written_as_euros_with_two_decimals(long cents, string written) =>
        Assert.Equal(written, SepaXml.Amount(cents));

    [Fact]
    public void Random_credit_transfer_batches_make_valid_files_whose_control_sum_is_the_sum()
    {
        SepaSchemas.RequireFolder();
        var batches = Gen.Select(Gen.Select(SepaId, AnyText, AnyIban, AnyBic, AnyAmount, AnyText).Array[1, 50], AnyText)
            .Select((transfers, platformName) => Transfers(
                [.. transfers.Select(t => new CreditTransfer(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6))]) with
            { Debtor = Platform with { Name = platformName } });

        batches.Sample(batch =>
        {
            var names = batch.Transfers.Select(t => t.Creditor).Prepend(batch.Debtor.Name).ToList();
            if (Unwritable(names) is { } index)
            {
                var refused = Assert.Throws<ArgumentException>(() => CreditTransferFile.Write(batch));
                Assert.Equal(index == 0 ? "Debtor.Name" : $"Transfers[{index - 1}].Creditor", refused.ParamName);
                return;
            }

            var file = CreditTransferFile.Write(batch);
            SepaSchemas.AssertValid(file, SepaSchemas.CreditTransfer);
            AssertTotals(file, batch.Transfers.Select(t => t.AmountCents).ToList());
        });
    }

    [Fact]
    public void Random_direct_debit_batches_make_valid_files_whose_control_sum_is_the_sum()
    {
        SepaSchemas.RequireFolder();
        var batches = Gen.Select(Gen.Select(SepaId, AnyText, AnyIban, AnyBic, SepaId, AnyAmount, AnyText).Array[1, 50], AnyText)
            .Select((debits, platformName) => Debits(
                [.. debits.Select(d => new DirectDebit(d.Item1, d.Item2, d.Item3, d.Item4, d.Item5, new DateOnly(2023, 9, 1), d.Item6, d.Item7))]) with
            { Creditor = Platform with { Name = platformName } });

        batches.Sample(batch =>
        {
            var names = batch.Debits.Select(d => d.Debtor).Prepend(batch.Creditor.Name).ToList();
            if (Unwritable(names) is { } index)
            {
                var refused = Assert.Throws<ArgumentException>(() => DirectDebitFile.Write(batch));
                Assert.Equal(index == 0 ? "Creditor.Name" : $"Debits[{index - 1}].Debtor", refused.ParamName);
                return;
            }

            var file = DirectDebitFile.Write(batch);
            SepaSchemas.AssertValid(file, SepaSchemas.DirectDebit);
            AssertTotals(file, batch.Debits.Select(d => d.AmountCents).ToList());
        });
    }

    // Arbitrary text: printable strings, arbitrary UTF-16 code units (unpaired surrogates
    // included), and names as French practices and insurers write them.
    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String[0, 200],
        Gen.Char[char.MinValue, char.MaxValue].Array[0, 200].Select(chars => new string(chars)),
        Gen.OneOf("Pharmacie Hélène Müller", "Œil & Lumière — Opticiens", "Laboratoire d’Analyses Médicales", "東京薬局", "😀 Dentiste"));

    private static readonly Gen<string> SepaId =
        Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-?:().,'+"].Array[1, 35].Select(chars => new string(chars));

    private static readonly Gen<string> AnyIban =
        Gen.OneOf(PlatformIban, PracticeIban, InsurerIban, "GB29NWBK60161331926819", "BE68539007547034", "IT60X0542811101000000123456", "ES9121000418450200051332");

    private static readonly Gen<string?> AnyBic = Gen.OneOf<string?>(null, "AGRIFRPP", "BNPAFRPPXXX", "DEUTDEFF", "COBADEFFXXX");

    // From one cent to the EPC's largest transaction, 999,999,999.99 euros (10^11 cents less one).
    private static readonly Gen<long> AnyAmount = Gen.Long[1, SepaFields.MaxAmountCents];

    // The first name with nothing the SEPA set can write (blank, or only accents and marks): the
    // writer refuses it rather than send an empty name.
    private static int? Unwritable(IReadOnlyList<string> names)
    {
        var index = names.ToList().FindIndex(name => SepaText.Latin(name, SepaFields.NameLength).Length == 0);
        return index < 0 ? null : index;
    }

    private static void AssertTotals(byte[] file, IReadOnlyList<long> cents)
    {
        var sum = cents.Sum(c => (decimal)c) / 100;
        var count = cents.Count.ToString(CultureInfo.InvariantCulture);
        Assert.Equal([count, count], Values(file, "NbOfTxs"));
        Assert.All(Values(file, "CtrlSum"), written => Assert.Equal(sum, decimal.Parse(written, CultureInfo.InvariantCulture)));
        Assert.Equal(2, Values(file, "CtrlSum").Count);
        Assert.Equal(cents.Select(c => c / 100m), Values(file, "InstdAmt").Select(a => decimal.Parse(a, CultureInfo.InvariantCulture)));
        Assert.All(Values(file, "InstdAmt").Concat(Values(file, "CtrlSum")), written => Assert.Matches(@"^[0-9]+\.[0-9]{2}$", written));
    }
}
