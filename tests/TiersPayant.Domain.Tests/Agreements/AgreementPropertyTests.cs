using CsCheck;
using TiersPayant.Domain.Agreements;

namespace TiersPayant.Domain.Tests.Agreements;

public class AgreementPropertyTests
{
    private const int Iterations = 3_000;

    private static AgreementDecision? Decide((AgreementRequest Request, AgreementContext Context) c) =>
        AgreementEngine.Evaluate(c.Request, c.Context).Decision;

    private static void AssertAddsUp(Shares s)
    {
        Assert.Equal(s.Total, s.Statutory + s.Insurer + s.Patient);
        Assert.False(s.Statutory.IsNegative || s.Insurer.IsNegative || s.Patient.IsNegative, s.ToString());
    }

    [Fact]
    public void Generated_cases_are_almost_all_valid_so_the_properties_below_bite()
    {
        var valid = 0;
        AgreementGenerators.Case.Sample(c =>
        {
            if (Decide(c) is not null)
            {
                Interlocked.Increment(ref valid);
            }
        }, iter: 1_000, threads: 1);

        Assert.True(valid > 950, $"{valid} valid cases out of 1000");
    }

    [Fact]
    public void Statutory_insurer_and_patient_add_up_to_the_total_on_every_line_and_overall_and_none_is_negative()
    {
        AgreementGenerators.Case.Sample(c =>
        {
            if (Decide(c) is not { } decision)
            {
                return;
            }

            Assert.Equal(c.Request.Lines.Count, decision.Lines.Count);
            foreach (var line in decision.Lines)
            {
                var sent = c.Request.Lines[line.Index];
                Assert.Equal(sent.UnitPrice * sent.Quantity, line.Amounts.Total);
                AssertAddsUp(line.Amounts);
            }

            AssertAddsUp(decision.Totals);
            Assert.Equal(decision.Lines.Aggregate(Shares.None, (sum, l) => sum + l.Amounts), decision.Totals);
        }, iter: Iterations);
    }

    [Fact]
    public void Status_agrees_with_the_reasons_and_refused_lines_cost_the_insurer_nothing()
    {
        AgreementGenerators.Case.Sample(c =>
        {
            if (Decide(c) is not { } decision)
            {
                return;
            }

            Assert.All(decision.Lines.Where(l => l.Refused), l => Assert.Equal(Money.Zero, l.Amounts.Insurer));
            Assert.Equal(decision.Reasons.Count, decision.Reasons.Distinct().Count());
            Assert.All(decision.Lines.SelectMany(l => l.Reasons), r => Assert.Contains(r, decision.Reasons));
            switch (decision.Status)
            {
                case AgreementStatus.Accepted:
                    Assert.Empty(decision.Reasons);
                    Assert.NotNull(decision.Validity);
                    break;
                case AgreementStatus.Refused:
                    Assert.All(decision.Lines, l => Assert.True(l.Refused));
                    Assert.Equal(Money.Zero, decision.Totals.Insurer);
                    Assert.Null(decision.Validity);
                    break;
                case AgreementStatus.Pending:
                    Assert.Contains(decision.Reasons, AgreementReasons.Holds);
                    Assert.Null(decision.Validity);
                    break;
                case AgreementStatus.Partial:
                    Assert.True(decision.Lines.Any(l => l.Refused) || decision.Reasons.Any(AgreementReasons.Caps));
                    Assert.DoesNotContain(decision.Reasons, AgreementReasons.Holds);
                    Assert.NotNull(decision.Validity);
                    break;
            }
        }, iter: Iterations);
    }

    // Full cover binds a responsible contract in the domains its edition names (décret 2019-21:
    // optics and dental from contracts of 2020, hearing aids from contracts of 2021).
    [Fact]
    public void Full_cover_lines_on_a_responsible_contract_leave_nothing_to_the_patient()
    {
        AgreementGenerators.Case.Sample(c =>
        {
            if (!c.Context.Responsible || c.Context.RulesInForce?.Contract?.FullCover.Contains(c.Request.Domain) != true || Decide(c) is not { } decision)
            {
                return;
            }

            foreach (var line in decision.Lines.Where(l => !l.Refused))
            {
                if (c.Context.Codes.Find(line.Code)!.Regime == PriceRegime.FullCover)
                {
                    Assert.Equal(Money.Zero, line.Amounts.Patient);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Responsible_contract_never_covers_class_B_glasses_beyond_the_ceilings()
    {
        AgreementGenerators.Optics.SelectMany(r => AgreementGenerators.Context(r.Domain).Select(c => (r, c))).Sample((request, context) =>
        {
            if (!context.Responsible || AgreementEngine.Evaluate(request, context).Decision is not { } decision)
            {
                return;
            }

            if (context.RulesInForce?.Contract?.Optics is not { } rules)
            {
                return;
            }

            var paid = decision.Lines.Where(l => !l.Refused).Select(l => (Line: l, Code: context.Codes.Find(l.Code)!)).ToList();
            var classB = paid.Where(p => p.Code.Class == EquipmentClass.B).ToList();
            foreach (var frame in classB.Where(p => p.Code.Kind == ProductKind.Frame))
            {
                Assert.True(frame.Line.Amounts.Statutory + frame.Line.Amounts.Insurer <= rules.FrameCap);
            }

            if (rules.CeilingFor([.. paid.Where(p => p.Code.Kind.IsLens()).Select(p => p.Code.Kind)]) is { } ceiling)
            {
                var covered = classB.Aggregate(Money.Zero, (sum, p) => sum + p.Line.Amounts.Statutory + p.Line.Amounts.Insurer);
                Assert.True(covered <= ceiling, $"{covered} covered over a {ceiling} ceiling");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Same_request_in_the_same_context_gets_the_same_answer()
    {
        AgreementGenerators.Case.Sample(c =>
        {
            var first = Decide(c);
            var second = Decide(c);

            Assert.Equal(first?.Status, second?.Status);
            Assert.Equal(first?.Lines.Select(l => l.Amounts), second?.Lines.Select(l => l.Amounts));
            Assert.Equal(first?.Reasons, second?.Reasons);
        }, iter: 500);
    }
}
