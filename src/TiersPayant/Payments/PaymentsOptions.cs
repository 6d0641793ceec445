using TiersPayant.Domain.Payments;

namespace TiersPayant.Payments;

/// <summary>Settings of section <c>Payments</c>: the platform's own account and when runs happen.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>The account holder the transfers leave from (the debtor of every credit-transfer file).</summary>
    public string DebtorName { get; set; } = "TiersPayant (demonstration)";

    /// <summary>The platform's account. The default is a specimen French IBAN: production sets its own.</summary>
    public string DebtorIban { get; set; } = "FR7630006000011234567890189";

    /// <summary>The platform bank's BIC.</summary>
    public string DebtorBic { get; set; } = "AGRIFRPPXXX";

    /// <summary>The platform's SEPA creditor identifier, under which insurers' mandates are signed. The default is a specimen.</summary>
    public string CreditorSchemeId { get; set; } = "FR72ZZZ123456";

    /// <summary>Working days between a billing run and the day insurers' accounts are debited (SEPA core: at least 1 interbank day).</summary>
    public int CollectionDelay { get; set; } = 2;

    /// <summary>Run every working day on a running server (one node runs it: the run holds a lease).</summary>
    public bool Schedule { get; set; } = true;

    /// <summary>Paris time of the daily run.</summary>
    public TimeOnly RunAt { get; set; } = new(18, 0);

    /// <summary>Working days between a run and the execution date asked of the bank.</summary>
    public int ExecutionDelay { get; set; } = 1;

    /// <summary>Practices per transaction while a run is prepared: what a run stopped midway has to redo at most.</summary>
    public int PracticesPerTransaction { get; set; } = 100;

    /// <summary>The field in error, or null when the settings are usable.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(DebtorName))
        {
            return "Payments:DebtorName is required";
        }

        if (!Iban.TryParse(DebtorIban, out _, out var iban))
        {
            return "Payments:DebtorIban: " + iban;
        }

        if (!Bic.TryParse(DebtorBic, out _, out var bic))
        {
            return "Payments:DebtorBic: " + bic;
        }

        try
        {
            Sepa.SepaFields.CreditorSchemeId(CreditorSchemeId, nameof(CreditorSchemeId));
        }
        catch (ArgumentException)
        {
            return "Payments:CreditorSchemeId: not a SEPA creditor identifier (check digits included)";
        }

        return CollectionDelay is < 1 or > 10 ? "Payments:CollectionDelay must lie between 1 and 10 working days"
            : ExecutionDelay is < 0 or > 10 ? "Payments:ExecutionDelay must lie between 0 and 10 working days"
            : PracticesPerTransaction is < 1 or > 10_000 ? "Payments:PracticesPerTransaction must lie between 1 and 10000"
            : null;
    }
}
