namespace TiersPayant.Domain.Agreements;

/// <summary>How the price of a product or act is regulated; decides who pays what is left.</summary>
public enum PriceRegime
{
    /// <summary>
    /// "100% Santé" basket (optics class A, audiology class I, dental "100% Santé" acts): the
    /// price may not exceed a regulated limit, and a responsible contract pays everything the
    /// statutory insurance leaves within it.
    /// </summary>
    FullCover,

    /// <summary>
    /// A regulated price limit without the full-cover obligation (dental "tarif maîtrisé"): the
    /// price may not exceed the limit, and the guarantee decides the insurer's share.
    /// </summary>
    CappedPrice,

    /// <summary>Free prices (optics class B, audiology class II, dental "tarif libre", drugs at their listed price).</summary>
    FreePrice,
}
