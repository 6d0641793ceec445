namespace TiersPayant.Domain.Agreements;

/// <summary>
/// A product or act code the platform knows (LPP code in optics and audiology, CCAM act in
/// dental, CIP13 in pharmacy), with what the statutory insurance pays on it. Served as
/// <c>GET /api/v1/reference/codes?domain=D</c>.
/// </summary>
public sealed record ReferenceCode
{
    /// <summary>Creates a code; the statutory rate is a whole percent between 0 and 100.</summary>
    public ReferenceCode(
        string code, string label, CareDomain domain, ProductKind kind, EquipmentClass? equipmentClass,
        PriceRegime regime, Money statutoryBase, int statutoryRate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentOutOfRangeException.ThrowIfNegative(statutoryBase.Cents, nameof(statutoryBase));
        ArgumentOutOfRangeException.ThrowIfNegative(statutoryRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statutoryRate, 100);
        Code = code;
        Label = label;
        Domain = domain;
        Kind = kind;
        Class = equipmentClass;
        Regime = regime;
        StatutoryBase = statutoryBase;
        StatutoryRate = statutoryRate;
    }

    /// <summary>The code as billed, e.g. <c>2210546</c>, <c>HBLD634</c>, <c>3400935490124</c>.</summary>
    public string Code { get; }

    /// <summary>The French label, as professionals read it.</summary>
    public string Label { get; }

    /// <summary>The care domain the code is billed in.</summary>
    public CareDomain Domain { get; }

    /// <summary>What the product is.</summary>
    public ProductKind Kind { get; }

    /// <summary>A/B in optics, I/II in audiology, null elsewhere.</summary>
    public EquipmentClass? Class { get; }

    /// <summary>How its price is regulated.</summary>
    public PriceRegime Regime { get; }

    /// <summary>The statutory base per unit ("base de remboursement", "tarif de responsabilité").</summary>
    public Money StatutoryBase { get; }

    /// <summary>The statutory insurance's rate on the base, in whole percent (60, 65, 30, 15…).</summary>
    public int StatutoryRate { get; }

    /// <summary>Youngest age, in full years, the code may be billed for; null when any.</summary>
    public int? MinAge { get; init; }

    /// <summary>Oldest age, in full years, the code may be billed for; null when any.</summary>
    public int? MaxAge { get; init; }

    /// <summary>True when the code may be billed for someone of <paramref name="years"/> full years.</summary>
    public bool SuitsAge(int years) => (MinAge is null || years >= MinAge) && (MaxAge is null || years <= MaxAge);

    /// <summary>
    /// What the statutory insurance pays on <paramref name="quantity"/> units sold at
    /// <paramref name="unitPrice"/>: its rate of the base, the base being the price when the price
    /// is lower (it never pays more than was spent), rounded to the nearest cent, half away from zero.
    /// </summary>
    public Money StatutoryShare(Money unitPrice, int quantity) =>
        (Money.Min(unitPrice, StatutoryBase) * quantity).Percent(StatutoryRate * 100);
}
