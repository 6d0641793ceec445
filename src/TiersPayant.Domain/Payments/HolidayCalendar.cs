namespace TiersPayant.Domain.Payments;

/// <summary>Which set of French public holidays applies.</summary>
public enum HolidayCalendar
{
    /// <summary>
    /// Metropolitan France: the 11 national public holidays of the Labour Code (article L3133-1).
    /// </summary>
    Metropolitan,

    /// <summary>
    /// Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle): the national holidays plus Good Friday and
    /// 26 December (local law, article L3134-13 of the Labour Code).
    /// </summary>
    AlsaceMoselle,
}
