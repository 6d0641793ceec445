namespace TiersPayant.Data.Agreements;

/// <summary>
/// Something a beneficiary received in a domain (a frame, a lens, a hearing aid), as invoiced or
/// as the insurer's history says: what renewal periods and period ceilings are counted from.
/// </summary>
public sealed class EquipmentRecord
{
    public Guid Id { get; set; }

    public Guid BeneficiaryId { get; set; }

    public required string Domain { get; set; }

    /// <summary>A product kind wire code, e.g. <c>lens-simple</c>.</summary>
    public required string Kind { get; set; }

    /// <summary><c>right</c>, <c>left</c>, or null.</summary>
    public string? Side { get; set; }

    public DateOnly DeliveredOn { get; set; }

    public bool WithNewPrescription { get; set; }

    public long InsurerPaidCents { get; set; }

    /// <summary>The claim that delivered it, if it came through the platform (cancelling the claim removes it).</summary>
    public Guid? ClaimId { get; set; }
}
