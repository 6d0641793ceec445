using TiersPayant.Security.Guard;

namespace TiersPayant.Guard;

/// <summary>
/// Shows a practice who one of its own records is about, on demand and one record at a time: the
/// name and a masked membership number, through the guard, each showing recorded as a disclosure.
/// Lists never carry names by themselves, so browsing a list reveals no one.
/// </summary>
public sealed class PatientReveal(GuardedBeneficiaries beneficiaries)
{
    public sealed record Shown(string Reference, string Name, string MaskedMemberNumber);

    /// <returns>The person, or null when the guard refused.</returns>
    public async Task<Shown?> ShowAsync(Actor actor, Guid beneficiaryId, string reference, string purpose, CancellationToken cancellation)
    {
        var match = await beneficiaries.ThroughRecordAsync(actor, beneficiaryId, cancellation);
        if (match.Beneficiary is not { } guarded)
        {
            return null;
        }

        var person = (await guarded.DiscloseAsync(BeneficiaryViews.Identity, purpose, reference, cancellation)).Identity;
        var number = person.MembershipNumber;
        return new Shown(reference, $"{person.FirstName} {person.LastName.ToUpperInvariant()}",
            new string('•', Math.Max(0, number.Length - 4)) + number[Math.Max(0, number.Length - 4)..]);
    }
}
