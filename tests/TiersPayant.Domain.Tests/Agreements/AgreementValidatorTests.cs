using CsCheck;
using TiersPayant.Domain.Agreements;
using static TiersPayant.Domain.Tests.Agreements.Amounts;

namespace TiersPayant.Domain.Tests.Agreements;

public class AgreementValidatorTests
{
    private static readonly DomainGuarantee Optics = new GuaranteeBuilder(CareDomain.Optique).Build();

    private static AgreementContext Adult => new ContextBuilder(Optics).Build();

    private static List<string> ErrorsOf(AgreementRequest request, AgreementContext? context = null) =>
        [.. AgreementValidator.Validate(request, context ?? Adult).Select(e => e.ToString())];

    private static RequestBuilder Glasses() => RequestBuilder.Optics().Frame("B", 120m).SimpleLenses("B", 90m);

    [Fact]
    public void Well_formed_glasses_have_no_error()
    {
        Assert.Empty(ErrorsOf(Glasses().Build()));
    }

    [Fact]
    public void Unknown_code_is_named_by_its_line()
    {
        var request = Glasses().Line("9999999", 10m, "B", null).Build();

        Assert.Equal(["lines[3].code: unknown code"], ErrorsOf(request));
    }

    [Fact]
    public void Code_of_another_domain_is_refused()
    {
        var request = Glasses().Line(Codes.Paracetamol, 2.18m).Build();

        var error = Assert.Single(AgreementValidator.Validate(request, Adult));
        Assert.Equal(("lines[3].code", FieldErrorCodes.CodeNotInDomain), (error.Field, error.Code));
        Assert.Equal("belongs to pharmacie, not optique", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2)]
    public void Lens_quantity_other_than_one_is_refused(int quantity)
    {
        var request = RequestBuilder.Optics().Line(Codes.SimpleB, 90m, "B", "right", quantity).Build();

        Assert.Equal(["lines[0].quantity: must be between 1 and 1"], ErrorsOf(request));
    }

    [Fact]
    public void Crowns_may_repeat_but_not_absurdly()
    {
        var context = new ContextBuilder(new GuaranteeBuilder(CareDomain.Dentaire).Build()).Prescription(null).Build();

        Assert.Empty(ErrorsOf(RequestBuilder.Dental().Line(Codes.CrownFree, 600m, quantity: 3).Line(Codes.CrownFree, 600m).Build(), context));
        Assert.Equal(
            ["lines[0].quantity: must be between 1 and 8"],
            ErrorsOf(RequestBuilder.Dental().Line(Codes.CrownFree, 600m, quantity: 40).Build(), context));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    [InlineData(1_000_001)]
    public void Unit_price_zero_negative_or_absurd_is_refused(long cents)
    {
        var request = new AgreementRequest(CareDomain.Optique, [new AgreementLine(Codes.FrameB, 1, new Money(cents), "B")]);

        Assert.Equal(["lines[0].unitPriceCents: must be between 1 and 1000000"], ErrorsOf(request));
    }

    [Fact]
    public void Unit_price_of_exactly_ten_thousand_euros_is_accepted()
    {
        Assert.Empty(ErrorsOf(RequestBuilder.Optics().Line(Codes.FrameB, 10_000m, "B").Build()));
    }

    [Theory]
    [InlineData(null, "lines[0].class: required for this code")]
    [InlineData("A", "lines[0].class: must be B for this code")]
    [InlineData("II", "lines[0].class: must be B for this code")]
    [InlineData("Z", "lines[0].class: must be B for this code")]
    public void Class_missing_or_not_the_codes_is_refused(string? cls, string expected)
    {
        Assert.Equal([expected], ErrorsOf(RequestBuilder.Optics().Line(Codes.FrameB, 120m, cls).Build()));
    }

    [Fact]
    public void Class_is_read_ignoring_case()
    {
        Assert.Empty(ErrorsOf(RequestBuilder.Optics().Line(Codes.FrameB, 120m, "b").Build()));
    }

    [Fact]
    public void Class_on_a_dental_act_is_refused()
    {
        var context = new ContextBuilder(new GuaranteeBuilder(CareDomain.Dentaire).Build()).Build();

        Assert.Equal(["lines[0].class: must be empty for this code"], ErrorsOf(RequestBuilder.Dental().Line(Codes.CrownFree, 600m, "A").Build(), context));
    }

    [Theory]
    [InlineData(null, "lines[0].side: required for a lens-simple")]
    [InlineData(" ", "lines[0].side: required for a lens-simple")]
    [InlineData("middle", "lines[0].side: must be right or left")]
    public void Lens_side_missing_or_invalid_is_refused(string? side, string expected)
    {
        Assert.Equal([expected], ErrorsOf(RequestBuilder.Optics().Line(Codes.SimpleB, 90m, "B", side).Build()));
    }

    [Fact]
    public void Side_on_a_frame_is_refused()
    {
        Assert.Equal(["lines[0].side: must be empty for a frame"], ErrorsOf(RequestBuilder.Optics().Line(Codes.FrameB, 120m, "B", "left").Build()));
    }

    [Fact]
    public void Two_lenses_for_one_eye_are_refused_whatever_their_kinds()
    {
        var request = RequestBuilder.Optics()
            .Line(Codes.SimpleB, 90m, "B", "right")
            .Line(Codes.VeryComplexA, 150m, "A", "right")
            .Build();

        var error = Assert.Single(AgreementValidator.Validate(request, Adult));
        Assert.Equal(("lines[1].side", FieldErrorCodes.Duplicate), (error.Field, error.Code));
    }

    [Fact]
    public void Two_frames_are_refused()
    {
        var request = Glasses().Frame("A", 30m).Build();

        Assert.Equal(["lines[3].code: line 0 already holds a frame"], ErrorsOf(request));
    }

    [Fact]
    public void Two_hearing_aids_for_one_ear_are_refused()
    {
        var context = new ContextBuilder(new GuaranteeBuilder(CareDomain.Audioprothese).Build()).Build();
        var request = RequestBuilder.Audiology()
            .Line(Codes.AidClassIAdult, 950m, "I", "left")
            .Line(Codes.AidClassIIAdult, 1_500m, "II", "LEFT")
            .Build();

        Assert.Equal(["lines[1].side: line 0 already holds a hearing-aid for this side"], ErrorsOf(request, context));
    }

    [Fact]
    public void Request_without_lines_or_with_too_many_is_refused()
    {
        Assert.Equal(["lines: must hold between 1 and 20 lines"], ErrorsOf(new AgreementRequest(CareDomain.Optique, [])));
        var dental = new ContextBuilder(new GuaranteeBuilder(CareDomain.Dentaire).Build()).Build();
        var many = new AgreementRequest(CareDomain.Dentaire, [.. Enumerable.Repeat(new AgreementLine(Codes.CrownFree, 1, Euros(500m)), 21)]);
        Assert.Equal(["lines: must hold between 1 and 20 lines"], ErrorsOf(many, dental));
    }

    [Fact]
    public void Care_date_in_the_future_is_refused()
    {
        var context = Adult with { CareDate = Adult.Today.AddDays(1) };

        Assert.Equal(["careDate: must not be after today"], ErrorsOf(Glasses().Build(), context));
    }

    [Fact]
    public void Care_date_before_any_rules_is_refused()
    {
        var context = new ContextBuilder(Optics).CareOn(new DateOnly(2014, 12, 1)).Build();

        Assert.Equal(["careDate: no regulated rules apply on this date"], ErrorsOf(Glasses().Build(), context));
    }

    [Fact]
    public void Prescription_after_the_care_date_is_refused()
    {
        var context = new ContextBuilder(Optics).PrescribedOn(ContextBuilder.Today.AddDays(1)).Build();

        Assert.Equal(["prescription.date: must not be after the care date"], ErrorsOf(Glasses().Build(), context));
    }

    [Fact]
    public void Optics_without_a_prescription_is_refused()
    {
        var context = new ContextBuilder(Optics).Prescription(null).Build();

        Assert.Equal(["prescription: required in optique"], ErrorsOf(Glasses().Build(), context));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1000000000")]
    [InlineData("1000000000A")]
    public void Prescriber_that_is_not_an_RPPS_number_is_refused(string? prescriber)
    {
        Assert.NotEqual(prescriber, ContextBuilder.Rpps);
        var context = Adult with { Prescription = Adult.Prescription! with { Prescriber = prescriber } };

        Assert.Equal(["prescription.prescriber: must be an RPPS number (11 digits)"], ErrorsOf(Glasses().Build(), context));
    }

    [Theory]
    [InlineData("10000000001")]
    [InlineData("10000000000")]
    public void Eleven_digits_with_a_wrong_check_digit_are_told_the_check_digit_is_wrong(string prescriber)
    {
        Assert.False(Luhn.IsValid(prescriber));
        var context = Adult with { Prescription = Adult.Prescription! with { Prescriber = prescriber } };

        var error = Assert.Single(AgreementValidator.Validate(Glasses().Build(), context));
        Assert.Equal(("prescription.prescriber", FieldErrorCodes.PrescriberCheckDigit), (error.Field, error.Code));
        Assert.Contains("check digit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30.25, 0, 0, 0, "sphere: must be between -30 and +30 in steps of 0.25")]
    [InlineData(-30.25, 0, 0, 0, "sphere: must be between -30 and +30 in steps of 0.25")]
    [InlineData(1.30, 0, 0, 0, "sphere: must be between -30 and +30 in steps of 0.25")]
    [InlineData(0, -10.25, 0, 0, "cylinder: must be between -10 and +10 in steps of 0.25")]
    [InlineData(0, 0, 181, 0, "axis: must be between 0 and 180 degrees")]
    [InlineData(0, 0, -1, 0, "axis: must be between 0 and 180 degrees")]
    [InlineData(0, 0, 0, 4.25, "addition: must be between 0 and +4 in steps of 0.25")]
    [InlineData(0, 0, 0, -0.25, "addition: must be between 0 and +4 in steps of 0.25")]
    public void Correction_out_of_range_is_refused(double sphere, double cylinder, int axis, double addition, string expected)
    {
        var correction = new EyeCorrection((decimal)sphere, (decimal)cylinder, axis, (decimal)addition);
        var context = Adult with { Prescription = Adult.Prescription! with { Left = correction } };

        Assert.Equal(["prescription.correction.left." + expected], ErrorsOf(Glasses().Build(), context));
    }

    [Fact]
    public void Extreme_but_valid_corrections_are_accepted()
    {
        var context = Adult with
        {
            Prescription = Adult.Prescription! with { Right = new(-30m, 10m, 180, 4m), Left = new(30m, -10m, 0, 0m) },
        };

        Assert.Empty(ErrorsOf(Glasses().Build(), context));
    }

    [Fact]
    public void Lens_for_an_eye_without_a_correction_is_refused()
    {
        var context = Adult with { Prescription = Adult.Prescription! with { Right = null } };

        Assert.Equal(["prescription.correction.right: required for a right lens"], ErrorsOf(Glasses().Build(), context));
        Assert.Empty(ErrorsOf(RequestBuilder.Optics().Frame("B", 120m).Build(), context));
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        var request = new AgreementRequest(CareDomain.Optique,
        [
            new AgreementLine(Codes.FrameB, 0, Euros(120m), "A"),
            new AgreementLine(Codes.SimpleB, 1, new Money(-1), "B", "up"),
        ]);

        Assert.Equal(
            [
                "lines[0].quantity: must be between 1 and 1",
                "lines[0].class: must be B for this code",
                "lines[1].unitPriceCents: must be between 1 and 1000000",
                "lines[1].side: must be right or left",
            ],
            ErrorsOf(request));
    }

    [Fact]
    public void Invalid_request_is_not_decided()
    {
        var evaluation = AgreementEngine.Evaluate(RequestBuilder.Optics().Line("nope", 1m).Build(), Adult);

        Assert.False(evaluation.IsValid);
        Assert.Null(evaluation.Decision);
        Assert.Equal(FieldErrorCodes.UnknownCode, Assert.Single(evaluation.Errors).Code);
    }

    [Fact]
    public void Validation_answers_any_input_with_errors_and_never_throws()
    {
        var anyCode = Gen.OneOf(Gen.OneOf(ReferenceCodeTable.Default.All.Select(c => c.Code).ToArray()), Generators.AnyText);
        var anyText = Gen.OneOf(Gen.OneOf<string?>("A", "B", "I", "II", "right", "left", null), Generators.AnyText.Select(s => (string?)s));
        var anyLine = Gen.Select(anyCode, Gen.Int, Gen.Long, anyText, anyText, (code, quantity, cents, cls, side) =>
            new AgreementLine(code, quantity, new Money(cents), cls, side));
        var anyCorrection = Gen.Select(Gen.Decimal, Gen.Decimal, Gen.Int, Gen.Decimal, (s, c, a, d) => new EyeCorrection(s, c, a, d));
        var anyPrescription = Gen.Select(Gen.Int[-5_000, 5_000], anyText, anyCorrection, anyCorrection, (days, prescriber, right, left) =>
            new Prescription(ContextBuilder.Today.AddDays(days), prescriber) { Right = right, Left = left });

        Gen.Select(Gen.OneOf(CareDomains.All.ToArray()), anyLine.Array[0, 25], anyPrescription, Gen.Int[-20_000, 2_000])
            .Sample((domain, lines, prescription, careOffset) =>
            {
                var context = Adult with { CareDate = ContextBuilder.Today.AddDays(careOffset), Prescription = prescription };
                var errors = AgreementValidator.Validate(new AgreementRequest(domain, lines), context);
                Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Field) || string.IsNullOrEmpty(e.Code) || string.IsNullOrEmpty(e.Message)));
            });
    }
}
