using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Regulation;

/// <summary>
/// A regulated figure or rule with the period it is valid for and the text it comes from. The
/// platform's rules hold no bare figure: every price limit, base, rate, ceiling, floor, renewal
/// period, validity and age band is one of these.
/// </summary>
/// <typeparam name="T">The figure: an amount, a rate, a number of months, a table of them.</typeparam>
public sealed record Sourced<T>
{
    /// <summary>Creates the figure.</summary>
    public Sourced(T value, DateRange validity, Source source)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(validity);
        ArgumentNullException.ThrowIfNull(source);
        Value = value;
        Validity = validity;
        Source = source;
    }

    /// <summary>The figure.</summary>
    public T Value { get; }

    /// <summary>
    /// The dates it applies to: care dates for the statutory rules (bases, rates, price limits,
    /// renewal, prescriptions), contract dates for the responsible-contract rules.
    /// </summary>
    public DateRange Validity { get; }

    /// <summary>The text it comes from.</summary>
    public Source Source { get; }

    /// <summary>
    /// For a rule read by contract date: the care date from which it binds every contract, whatever
    /// its date (the end of a transition), and where that date comes from; null when contracts only
    /// take it when signed or renewed.
    /// </summary>
    public Transition? BindsAllContractsFrom { get; init; }
}

/// <summary>The end of a transition: from <paramref name="From"/> a rule binds every contract, whatever its date.</summary>
/// <param name="From">The first care date bound.</param>
/// <param name="Source">The text that sets it.</param>
public sealed record Transition(DateOnly From, Source Source);

/// <summary>Successive values of one regulated figure, oldest first, never overlapping.</summary>
/// <typeparam name="T">The figure.</typeparam>
public sealed class Timeline<T>
{
    /// <summary>Creates the timeline; periods may leave gaps (no value then) but may not overlap.</summary>
    public Timeline(IEnumerable<Sourced<T>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries.OrderBy(e => e.Validity.From)];
        for (var i = 1; i < Entries.Count; i++)
        {
            if (Entries[i - 1].Validity.To is not { } end || end >= Entries[i].Validity.From)
            {
                throw new ArgumentException(
                    $"Periods from {Entries[i - 1].Validity.From:yyyy-MM-dd} and {Entries[i].Validity.From:yyyy-MM-dd} overlap.", nameof(entries));
            }
        }
    }

    /// <summary>A timeline of one value.</summary>
    public Timeline(Sourced<T> entry)
        : this([entry])
    {
    }

    /// <summary>Every value, oldest first.</summary>
    public IReadOnlyList<Sourced<T>> Entries { get; }

    /// <summary>The value in force on <paramref name="day"/>; null when none is.</summary>
    public Sourced<T>? On(DateOnly day)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Validity.Contains(day))
            {
                return Entries[i];
            }
        }

        return null;
    }

    /// <summary>
    /// The value a contract signed or last renewed on <paramref name="contractDate"/> must follow for
    /// care on <paramref name="careDate"/>: the latest one in force on the contract date, or one whose
    /// transition has ended by the care date. Null when none binds the contract.
    /// </summary>
    public Sourced<T>? ForContract(DateOnly contractDate, DateOnly careDate)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            var entry = Entries[i];
            if (entry.Validity.Contains(contractDate) || entry.BindsAllContractsFrom?.From <= careDate)
            {
                return entry;
            }
        }

        return null;
    }
}
