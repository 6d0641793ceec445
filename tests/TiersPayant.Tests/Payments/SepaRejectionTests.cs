using TiersPayant.Payments.Sepa;
using static TiersPayant.Tests.Payments.SepaBatches;

namespace TiersPayant.Tests.Payments;

/// <summary>What a bank would refuse is refused before any file exists, the field named, its value not quoted.</summary>
public sealed class SepaRejectionTests
{
    [Fact]
    public void Empty_batches_are_refused()
    {
        Assert.Equal("Transfers", Refused(Transfers()));
        Assert.Equal("Debits", Refused(Debits()));
        Assert.Equal("Transfers", Refused(Transfers() with { Transfers = null! }));
        Assert.Equal("Transfers[1]", Refused(Transfers(Transfer(), null!)));
        Assert.Equal("Debits[0]", Refused(Debits(null!, Debit())));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    [InlineData(SepaFields.MaxAmountCents + 1)]
    public void Amounts_outside_one_cent_to_the_epc_maximum_are_refused(long cents)
    {
        Assert.Equal("Transfers[1].AmountCents", Refused(Transfers(Transfer(), Transfer(cents: cents))));
        Assert.Equal("Debits[1].AmountCents", Refused(Debits(Debit(), Debit(cents: cents))));
    }

    [Fact]
    public void A_sum_beyond_the_18_digits_of_a_control_sum_is_refused()
    {
        // 10,000,001 transfers of 999,999,999.99 euros: just over 10^16 euros.
        var transfers = new Repeated<CreditTransfer>(Transfer(cents: SepaFields.MaxAmountCents), 10_000_001);

        var refused = Assert.Throws<ArgumentException>(() => CreditTransferFile.Write(Transfers(transfers)));

        Assert.Equal("Transfers", refused.ParamName);
        Assert.Null(refused.InnerException);
        Assert.Equal("Debits", Refused(Debits(new Repeated<DirectDebit>(Debit(cents: SepaFields.MaxAmountCents), 10_000_001))));
    }

    [Fact]
    public void A_sum_overflowing_a_long_is_refused_instead_of_wrapping()
    {
        // Enough of the largest transfers for their sum in cents to pass long.MaxValue.
        var count = (int)(long.MaxValue / SepaFields.MaxAmountCents) + 1;
        var transfers = new Repeated<CreditTransfer>(Transfer(cents: SepaFields.MaxAmountCents), count);

        var refused = Assert.Throws<ArgumentException>(() => CreditTransferFile.Write(Transfers(transfers)));

        Assert.Equal("Transfers", refused.ParamName);
        Assert.IsType<OverflowException>(refused.InnerException);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1234567890123456789012345678901234567")]
    [InlineData("FACTURE-É")]
    [InlineData("/E2E-1")]
    [InlineData("E2E-1/")]
    [InlineData("E2E//1")]
    [InlineData("E2E_1")]
    public void Identifiers_outside_the_sepa_rules_are_refused_never_cut(string id)
    {
        Assert.Equal("MessageId", Refused(Transfers(Transfer()) with { MessageId = id }));
        Assert.Equal("Transfers[0].EndToEndId", Refused(Transfers(Transfer(id: id))));
        Assert.Equal("Debits[0].EndToEndId", Refused(Debits(Debit(id: id))));
        Assert.Equal("Debits[0].MandateId", Refused(Debits(Debit(mandate: id))));
    }

    [Fact]
    public void Identifiers_of_35_characters_with_inner_slashes_are_accepted()
    {
        var id = "A/" + new string('9', 33);

        Assert.NotEmpty(CreditTransferFile.Write(Transfers(Transfer(id: id)) with { MessageId = id }));
    }

    [Theory]
    [InlineData("FR7630006000011234567890188")]
    [InlineData("FR76 3000 6000 0112 3456 7890 18")]
    [InlineData("DE8937040044053201300")]
    [InlineData("7630006000011234567890189")]
    [InlineData("")]
    public void Accounts_with_a_wrong_iban_are_refused_and_the_message_does_not_quote_it(string iban)
    {
        var refused = Assert.Throws<ArgumentException>(() => CreditTransferFile.Write(Transfers(Transfer(iban: iban))));

        Assert.Equal("Transfers[0].Iban", refused.ParamName);
        Assert.DoesNotContain("3000600", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Debits[0].Iban", Refused(Debits(Debit(iban: iban))));
        Assert.Equal("Debtor.Iban", Refused(Transfers(Transfer()) with { Debtor = Platform with { Iban = iban } }));
    }

    [Fact]
    public void Ibans_written_in_groups_or_lower_case_are_written_compact()
    {
        var file = CreditTransferFile.Write(Transfers(Transfer(iban: "de89 3704 0044 0532 0130 00")));

        Assert.Equal([PlatformIban, PracticeIban], Values(file, "IBAN"));
    }

    [Theory]
    [InlineData("AGRIFR")]
    [InlineData("AGRIFRPPX")]
    [InlineData("AGRI-RPP")]
    public void Wrong_bics_are_refused(string bic)
    {
        Assert.Equal("Transfers[0].Bic", Refused(Transfers(Transfer(bic: bic))));
        Assert.Equal("Debits[0].Bic", Refused(Debits(Debit(bic: bic))));
        Assert.Equal("Creditor.Bic", Refused(Debits(Debit()) with { Creditor = Platform with { Bic = bic } }));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    [InlineData("\u0301\u0308")]
    [InlineData("\u00B4")]
    public void Names_with_nothing_writable_are_refused(string name)
    {
        Assert.Equal("Transfers[0].Creditor", Refused(Transfers(Transfer(creditor: name))));
        Assert.Equal("Debtor.Name", Refused(Transfers(Transfer()) with { Debtor = Platform with { Name = name } }));
        Assert.Equal("Debits[0].Debtor", Refused(Debits(Debit(debtor: name))));
    }

    [Fact]
    public void A_blank_remittance_leaves_the_remittance_out()
    {
        var file = CreditTransferFile.Write(Transfers(Transfer(remittance: "  ")));

        Assert.Empty(Elements(file, "RmtInf"));
    }

    [Fact]
    public void A_mandate_signed_after_the_collection_is_refused()
    {
        var debit = Debit() with { MandateSignedOn = Day.AddDays(1) };

        Assert.Equal("Debits[0].MandateSignedOn", Refused(Debits(debit)));
    }

    [Theory]
    [InlineData("FR12ZZZ123456")]
    [InlineData("FR72ZZZ12345")]
    [InlineData("72ZZZ123456")]
    [InlineData("")]
    public void A_creditor_identifier_with_wrong_check_digits_or_shape_is_refused(string schemeId)
    {
        Assert.Equal("CreditorSchemeId", Refused(Debits(Debit()) with { CreditorSchemeId = schemeId }));
    }

    private static string? Refused(CreditTransferBatch batch) =>
        Assert.Throws<ArgumentException>(() => CreditTransferFile.Write(batch)).ParamName;

    private static string? Refused(DirectDebitBatch batch) =>
        Assert.Throws<ArgumentException>(() => DirectDebitFile.Write(batch)).ParamName;
}
