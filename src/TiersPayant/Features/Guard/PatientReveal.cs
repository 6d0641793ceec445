using TiersPayant.Security.Audit;
using TiersPayant.Security.Guard;

namespace TiersPayant.Features.Guard;

/// <summary>
/// Shows a practice who one of its own records is about, on demand and one record at a time: the
/// name and a masked membership number, through the guard, each showing recorded as a disclosure.
/// Lists never carry names by themselves, so browsing a list reveals no one.
/// </summary>
public sealed class PatientReveal(GuardedBeneficiaries beneficiaries, Data.TiersPayantDbContext db)
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

        var person = guarded.Disclose([DisclosedFields.FirstName, DisclosedFields.LastName, DisclosedFields.MemberNumber], purpose, reference);
        await db.SaveChangesAsync(cancellation);
        var number = person.MembershipNumber;
        return new Shown(reference, $"{person.Name.FirstName} {person.Name.LastName.ToUpperInvariant()}",
            new string('•', Math.Max(0, number.Length - 4)) + number[Math.Max(0, number.Length - 4)..]);
    }
}
