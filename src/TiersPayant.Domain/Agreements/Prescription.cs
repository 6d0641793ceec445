namespace TiersPayant.Domain.Agreements;

/// <summary>The correction prescribed for one eye, in dioptres and degrees.</summary>
/// <param name="Sphere">Spherical power, −30 to +30 in steps of 0.25.</param>
/// <param name="Cylinder">Cylindrical power, −10 to +10 in steps of 0.25.</param>
/// <param name="Axis">Cylinder axis, 0 to 180 degrees.</param>
/// <param name="Addition">Near addition, 0 to 4 in steps of 0.25.</param>
public sealed record EyeCorrection(decimal Sphere, decimal Cylinder, int Axis, decimal Addition);

/// <summary>The prescription behind a request.</summary>
/// <param name="Date">When it was written.</param>
/// <param name="Prescriber">The prescriber's RPPS number (11 digits, Luhn check digit).</param>
public sealed record Prescription(DateOnly Date, string? Prescriber)
{
    /// <summary>Correction for the right eye (optics).</summary>
    public EyeCorrection? Right { get; init; }

    /// <summary>Correction for the left eye (optics).</summary>
    public EyeCorrection? Left { get; init; }

    /// <summary>The prescriber states the correction changed since the previous equipment: renewal may come sooner.</summary>
    public bool CorrectionChanged { get; init; }

    /// <summary>The prescriber states the face changed (young children): renewal may come sooner.</summary>
    public bool FaceChanged { get; init; }

    /// <summary>The correction for <paramref name="side"/>.</summary>
    public EyeCorrection? For(Side side) => side switch
    {
        Side.Right => Right,
        Side.Left => Left,
    };
}
