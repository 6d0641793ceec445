namespace TiersPayant.Domain.Agreements;

/// <summary>The reference table of product and act codes, queryable by code and by domain.</summary>
public sealed class ReferenceCodeTable
{
    private readonly Dictionary<string, ReferenceCode> _byCode;
    private readonly Dictionary<CareDomain, IReadOnlyList<ReferenceCode>> _byDomain;

    /// <summary>Creates a table; a code may appear only once.</summary>
    public ReferenceCodeTable(IEnumerable<ReferenceCode> codes)
    {
        All = [.. codes];
        // Codes are upper-case digits and letters; a professional's software may send "hbld634".
        _byCode = new Dictionary<string, ReferenceCode>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in All)
        {
            if (!_byCode.TryAdd(code.Code, code))
            {
                throw new ArgumentException($"Code {code.Code} appears twice.", nameof(codes));
            }
        }

        _byDomain = All.GroupBy(c => c.Domain).ToDictionary(g => g.Key, g => (IReadOnlyList<ReferenceCode>)[.. g]);
    }

    /// <summary>The codes the platform ships with (<see cref="ReferenceCodeData"/>).</summary>
    public static ReferenceCodeTable Default { get; } = new(ReferenceCodeData.Rows);

    /// <summary>
    /// This table with <paramref name="loaded"/> codes laid over it: a loaded code replaces the code
    /// of the same number (ignoring case), in its place; the others come after, in their order.
    /// </summary>
    public ReferenceCodeTable With(IReadOnlyCollection<ReferenceCode> loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var replacing = loaded.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        var kept = All.Select(c => replacing.Remove(c.Code, out var newer) ? newer : c).ToList();
        return new ReferenceCodeTable([.. kept, .. loaded.Where(c => replacing.ContainsKey(c.Code))]);
    }

    /// <summary>Every code, in table order.</summary>
    public IReadOnlyList<ReferenceCode> All { get; }

    /// <summary>The code, ignoring case and surrounding spaces; null when unknown.</summary>
    public ReferenceCode? Find(string? code) =>
        code is not null && _byCode.TryGetValue(code.Trim(), out var found) ? found : null;

    /// <summary>The codes billed in <paramref name="domain"/>, in table order; empty when none.</summary>
    public IReadOnlyList<ReferenceCode> ForDomain(CareDomain domain) =>
        _byDomain.TryGetValue(domain, out var codes) ? codes : [];
}
