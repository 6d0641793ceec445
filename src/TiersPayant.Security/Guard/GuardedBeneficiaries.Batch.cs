using Microsoft.EntityFrameworkCore;
using TiersPayant.Domain.Members;
using TiersPayant.Security.Audit;

namespace TiersPayant.Security.Guard;

/// <summary>The batch channel's door: a chunk of an invoice file matched, decided and disclosed together.</summary>
public sealed partial class GuardedBeneficiaries
{
    /// <summary>
    /// The batch channel's door for a chunk of a practice's invoice file: each card matched and
    /// decided in file order as <see cref="MatchAsync"/> would one after the other, the same answers
    /// and the same counts, with one read of the identity index and one guard reservation for the
    /// chunk while nothing unusual happens. From the first card that matches nobody or that the guard
    /// would refuse, the rest go card by card through <see cref="MatchAsync"/>'s own path (misses
    /// recorded, refusals recorded, caps and containment as ever). What is then read is disclosed
    /// through <see cref="DiscloseAllAsync"/>, in one commit.
    /// </summary>
    /// <exception cref="InvalidOperationException">The actor is not on the batch channel.</exception>
    public async Task<IReadOnlyList<MatchResult>> MatchBatchAsync(Actor actor, IReadOnlyList<CardPresentation> cards, CancellationToken cancellation)
    {
        if (actor.Channel != Channels.Batch)
        {
            throw new InvalidOperationException("The batch door serves the batch channel only.");
        }

        var results = new MatchResult?[cards.Count];
        var slowFrom = await _guard.QuietBatchAsync(actor, cancellation) ? await MatchQuietlyAsync(actor, cards, results, cancellation) : 0;
        for (var i = slowFrom; i < cards.Count; i++)
        {
            results[i] = await MatchAsync(actor, cards[i], cancellation);
        }

        return results!;
    }

    // Fills results with the chunk's answers up to the first card that needs the card-by-card path; returns where that is.
    private async Task<int> MatchQuietlyAsync(Actor actor, IReadOnlyList<CardPresentation> cards, MatchResult?[] results, CancellationToken cancellation)
    {
        using var span = GuardMetrics.StartDecision("batch", actor.Channel, Domain.Practices.Professions.Code(actor.Profession));
        var switches = await _switches.CurrentAsync(cancellation);
        var closed = cards.Select(c => switches.ClosesInsurer(actor.Channel, c.Insurer.Value)).ToArray();
        var indexes = cards.Select((card, i) => closed[i] ? []
            : (card.BirthRank is { } r ? [r] : AnyRank).Select(rank => _protector.IdentityIndex(card.Insurer, card.MemberNumber, card.BirthDate, rank)).ToArray()).ToArray();
        var wanted = indexes.SelectMany(x => x).ToList();
        var rows = (await _db.Beneficiaries.AsNoTracking().Where(b => wanted.Contains(b.IdentityIndex)).ToListAsync(cancellation))
            .ToDictionary(b => Convert.ToHexString(b.IdentityIndex), StringComparer.Ordinal);

        // In file order: the closed refused, the rest found, up to the first that matches nobody.
        var found = new List<(int Card, Beneficiary Person)>();
        var end = cards.Count;
        for (var i = 0; i < cards.Count && end == cards.Count; i++)
        {
            if (closed[i])
            {
                continue;
            }

            Beneficiary? person = null;
            foreach (var index in indexes[i])
            {
                var row = rows.GetValueOrDefault(Convert.ToHexString(index));
                var revealed = _protector.Reveal(row ?? _decoy.Record);
                var matches = row is not null && revealed.BirthDate == cards[i].BirthDate && revealed.Name.Matches(cards[i].LastName, cards[i].FirstName);
                person = person is null && matches ? revealed : person;
            }

            if (person is null)
            {
                end = i;
            }
            else
            {
                found.Add((i, person));
            }
        }

        var admitted = await _guard.AdmitBatchAsync(actor, [.. found.Select(f => (f.Person.Id.Value, _protector.Tags(f.Person.Insurer, f.Person.MembershipNumber, f.Person.BirthDate)))], cancellation);
        if (admitted < found.Count)
        {
            end = found[admitted].Card;
        }

        var profession = Domain.Practices.Professions.Code(actor.Profession);
        var reader = Reader.Of(actor);
        foreach (var (card, person) in found.Take(admitted))
        {
            results[card] = MatchResult.Matched(new GuardedBeneficiary(person, reader, Reach.Card, _db, _log));
            _metrics.Decided(actor.Channel, profession, GuardDecision.Allow);
        }

        for (var i = 0; i < end; i++)
        {
            results[i] ??= MatchResult.Refused(InsurerClosed);
        }

        span?.SetTag("cards", end);
        return end;
    }

    /// <summary>
    /// Commits one record for each of <paramref name="beneficiaries"/> (in one group of the log),
    /// that the fields of <paramref name="views"/> leave the platform for <paramref name="purpose"/>
    /// under the reference beside it, then gives those views and only those, in the same order:
    /// <see cref="GuardedBeneficiary.DiscloseAsync"/> for a chunk of a batch.
    /// </summary>
    /// <exception cref="InvalidOperationException">As <see cref="GuardedBeneficiary.DiscloseAsync"/>.</exception>
    public async Task<IReadOnlyList<Disclosure>> DiscloseAllAsync(
        IReadOnlyList<(GuardedBeneficiary Beneficiary, string Reference)> beneficiaries, BeneficiaryViews views, string purpose, CancellationToken cancellation)
    {
        foreach (var (beneficiary, _) in beneficiaries)
        {
            beneficiary.Check(views);
        }

        var fields = DisclosedFields.Of(views);
        await _log.RecordAllAsync([.. beneficiaries.Select(b => b.Beneficiary.Entry(_log, fields, purpose, b.Reference))], cancellation);
        return [.. beneficiaries.Select(b => b.Beneficiary.Views(views))];
    }
}
