using System.Text.RegularExpressions;

namespace TiersPayant.Tests.Infrastructure;

/// <summary>
/// Asserts that a person's name is nowhere in an answer. A page or a body also carries random
/// tokens (antiforgery, checked-patient handles, signatures: base64), in which a short name such as
/// "Rey" turns up now and then by chance, in any case; a name counts as shown when it stands on its
/// own, not glued inside such a run of token characters. Case is ignored: "REY" is the name too.
/// </summary>
internal static class NotShown
{
    private const string TokenCharacter = "[A-Za-z0-9+/=_-]";

    public static void Name(string name, string text)
    {
        var standing = new Regex($"(?<!{TokenCharacter}){Regex.Escape(name)}(?!{TokenCharacter})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var found = standing.Match(text);
        Assert.False(found.Success, found.Success ? $"the name is shown at {found.Index}: …{text[Math.Max(0, found.Index - 40)..Math.Min(text.Length, found.Index + name.Length + 40)]}…" : null);
    }
}
