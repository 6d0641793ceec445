namespace TiersPayant.Data.Accounts;

/// <summary>Failed logins counted per source address, in fixed windows, shared by every node.</summary>
public sealed class AddressFailureRecord
{
    /// <summary>Keyed hash of the address: counted without keeping it.</summary>
    public required byte[] AddressHash { get; set; }

    public DateTimeOffset WindowStart { get; set; }

    public int Failures { get; set; }
}
