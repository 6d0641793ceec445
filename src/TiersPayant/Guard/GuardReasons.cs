using Microsoft.Extensions.Localization;

namespace TiersPayant.Guard;

/// <summary>
/// The guard's reason codes in words (<c>Resources/Guard/GuardReasons.resx</c>): a recorded reason
/// is one code or several joined by <c>+</c>, strongest first (<c>machine-speed+burst</c>).
/// </summary>
public sealed class GuardReasons
{
    /// <summary>The reason's codes, each in words, joined by " + ".</summary>
    public static string Describe(IStringLocalizer<GuardReasons> localizer, string reason)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(reason);
        return string.Join(" + ", reason.Split('+').Select(code =>
        {
            var text = localizer[code];
            return text.ResourceNotFound ? code : text.Value;
        }));
    }
}
